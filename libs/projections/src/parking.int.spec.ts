import { randomUUID } from 'node:crypto';
import { currentSchemaVersion } from '@pj/domain';
import { PgliteDriver, SqlEventStore, type LogPosition, type RecordedEvent, type SqlQueryable } from '@pj/event-store';
import { parkedEvents, ProjectionRunner, rebuildProjection, registryProjection, type Projection } from '.';

// A projection whose apply fails for one event: after bounded tries the event is parked, the
// events after it are applied, and a rebuild tries it again. A lost connection is never parked.
describe('parking an event a projection cannot apply', () => {
  let driver: PgliteDriver;
  let store: SqlEventStore;
  let runner: ProjectionRunner | undefined;
  let last: LogPosition;

  beforeEach(async () => {
    driver = await PgliteDriver.open();
    store = await SqlEventStore.open(driver);
  });
  afterEach(async () => {
    await runner?.stop();
    await store.close();
  });

  const registerFactory = async (factoryId: string) => {
    const result = await store.appendToStream(
      `factory-${factoryId}`,
      [
        {
          type: 'FactoryRegistered',
          data: {
            factoryId,
            name: `Factory ${factoryId}`,
            address: 'Shenzhen',
            country: 'CN',
            tier: 1,
            products: ['laptops'],
            numberOfWorkers: 3000,
            registeredByOrganisationId: 'org-a',
            registeredAt: new Date().toISOString(),
          },
          metadata: {
            eventId: randomUUID(),
            commandId: randomUUID(),
            correlationId: 'c',
            causationId: 'c',
            actor: { id: 'monitor-1', role: 'monitor' },
            organisationId: 'org-a',
            recordedAt: new Date().toISOString(),
            schemaVersion: currentSchemaVersion('FactoryRegistered'),
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    last = result.position;
  };
  const factories = async () =>
    (await driver.query<{ factory_id: string }>('SELECT factory_id FROM rm_factories ORDER BY 1')).map(
      (r) => r.factory_id,
    );

  /** The registry, failing on one factory's events while `failure` says so. */
  const failingOn = (factoryId: string, failure: { make?: () => Error }, tries: string[]): Projection => ({
    ...registryProjection,
    async apply(tx: SqlQueryable, event: RecordedEvent) {
      if (event.streamId === `factory-${factoryId}`) {
        tries.push(event.streamId);
        const make = failure.make;
        if (make) throw make();
      }
      await registryProjection.apply(tx, event);
    },
  });

  it('parks the event after its tries, applies the rest, and applies it on a rebuild once it can', async () => {
    const failure: { make?: () => Error } = { make: () => new Error('cannot apply this one') };
    const tries: string[] = [];
    const projection = failingOn('bad', failure, tries);
    runner = new ProjectionRunner(store, driver, [projection], { attemptsBeforeParking: 3 });
    await runner.start();
    await registerFactory('before');
    await registerFactory('bad');
    await registerFactory('after');
    await runner.waitFor(last, 20_000);

    expect(await factories()).toEqual(['after', 'before']);
    expect(tries).toEqual(['factory-bad', 'factory-bad', 'factory-bad']);
    expect(await runner.parked()).toEqual([
      expect.objectContaining({
        projection: 'factory-registry',
        streamId: 'factory-bad',
        revision: 0,
        eventType: 'FactoryRegistered',
        error: 'cannot apply this one',
        attempts: 3,
      }),
    ]);
    expect(runner.status()[0]).toMatchObject({ caughtUp: true });

    // The cause is gone (a fixed projection): the rebuild tries the parked event again.
    failure.make = undefined;
    await runner.stop();
    await rebuildProjection(store, driver, projection);
    expect(await factories()).toEqual(['after', 'bad', 'before']);
    expect(await parkedEvents(driver)).toEqual([]);
  }, 60_000);

  it('never parks an event for a lost connection: it waits and applies it', async () => {
    let lost = 3;
    const failure = {
      get make() {
        return lost-- > 0 ? () => Object.assign(new Error('connection terminated'), { code: '08006' }) : undefined;
      },
    };
    const tries: string[] = [];
    const flaky = failingOn('unlucky', failure, tries);
    runner = new ProjectionRunner(store, driver, [flaky], { attemptsBeforeParking: 2 });
    await runner.start();
    await registerFactory('unlucky');
    await runner.waitFor(last, 20_000);
    expect(tries).toHaveLength(4);
    expect(await factories()).toEqual(['unlucky']);
    expect(await parkedEvents(driver)).toEqual([]);
  }, 60_000);
});
