import { randomUUID } from 'node:crypto';
import { factoryStreamId, findingStreamId, procurementCaseStreamId } from '@pj/domain';
import { PgliteDriver, SqlEventStore, type EventToAppend } from '@pj/event-store';
import { keysFromSeed } from './signing';
import { sealChainHeads, verifyOrganisation, verifyStore } from './verify';

const keys = keysFromSeed(Buffer.alloc(32, 3));
const A = 'stockholm-county-council';
const B = 'city-of-madison';

function event(type: string, data: unknown, organisationId: string): EventToAppend {
  const commandId = randomUUID();
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: 'user-1', role: 'contract_manager' },
      organisationId,
      recordedAt: '2026-11-21T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

// One organisation's verification covers the streams whose name carries it, and its own signed
// head: another organisation's damage is not its to see, and its counts are its own.
describe('verifyOrganisation', () => {
  let store: SqlEventStore;
  const streams = {
    aCase: procurementCaseStreamId(A, 'case-1'),
    aFinding: findingStreamId(A, 'finding-1'),
    aGone: procurementCaseStreamId(A, 'case-gone'),
    bCase: procurementCaseStreamId(B, 'case-1'),
    shared: factoryStreamId('f-1'),
  };

  beforeAll(async () => {
    store = await SqlEventStore.open(await PgliteDriver.open());
    const write = (streamId: string, organisationId: string, count: number) =>
      store.appendToStream(
        streamId,
        Array.from({ length: count }, (_, n) => event('Something', { n }, organisationId)),
        { expectedRevision: 'no_stream' },
      );
    await write(streams.aCase, A, 3);
    await write(streams.aFinding, A, 2);
    await write(streams.aGone, A, 1);
    await write(streams.bCase, B, 4);
    await write(streams.shared, A, 1);
    expect((await sealChainHeads(store, { keys })).sealed.map((s) => s.head.organisationId).sort()).toEqual([B, A]);
  });
  afterAll(() => store?.close());

  it('counts and checks only the organisation’s own streams and head', async () => {
    const a = await verifyOrganisation(store, A, { keys });
    expect(a).toMatchObject({ ok: true, eventsChecked: 6, streamsChecked: 3, issues: [] });
    expect(a.headsChecked.map((head) => [head.organisationId, head.streams])).toEqual([[A, 3]]);
    expect(await verifyOrganisation(store, 'nobody', { keys })).toMatchObject({
      ok: true,
      eventsChecked: 0,
      streamsChecked: 0,
      headsChecked: [],
    });
  });

  it('reports the organisation’s tampering to it, and none of another’s', async () => {
    const sql = store.driver;
    await sql.query(`UPDATE pj_events SET data = '{"n":9}' WHERE stream_id = $1 AND stream_revision = 1`, [
      streams.bCase,
    ]);
    await sql.query('DELETE FROM pj_events WHERE stream_id = $1', [streams.aGone]);
    await sql.query('DELETE FROM pj_streams WHERE stream_id = $1', [streams.aGone]);

    const issues = (result: { issues: readonly { kind: string; streamId: string; revision?: number }[] }) =>
      result.issues.map(({ kind, streamId, revision }) => ({ kind, streamId, revision }));
    expect(issues(await verifyOrganisation(store, A, { keys }))).toEqual([
      { kind: 'stream-removed', streamId: streams.aGone, revision: undefined },
    ]);
    expect(issues(await verifyOrganisation(store, B, { keys }))).toEqual([
      { kind: 'changed', streamId: streams.bCase, revision: 1 },
    ]);
    // The whole store sees both.
    expect(
      issues(await verifyStore(store, { keys }))
        .map((issue) => issue.kind)
        .sort(),
    ).toEqual(['changed', 'stream-removed']);
  });
});
