import { DomainError, type Command, type Decider, type Event } from '@pj/domain';
import { PgliteDriver, SqlEventStore, type EventStore } from '@pj/event-store';
import { handleCommand, readState } from './handle-command';
import { knownStreamsOf } from './known-streams';

// A tally of numbered entries, closed by a final entry: each command adds the next number, so the
// recorded numbers show whether a command decided on the state the stream really had.
type Add = Command<'AddEntry', { by: string }>;
type Added = Event<'EntryAdded', { number: number; by: string }>;
const CLOSED_AT = 4;
const tally: Decider<number, Add, Added> = {
  initialState: () => 0,
  decide: (command, count) =>
    count >= CLOSED_AT
      ? new DomainError('tally.closed', `the tally is closed at ${CLOSED_AT}`)
      : [{ type: 'EntryAdded', data: { number: count + 1, by: command.data.by } }],
  evolve: (count) => count + 1,
};
const add = (id: string): Add => ({
  type: 'AddEntry',
  data: { by: id },
  metadata: {
    commandId: id,
    now: '2026-03-02T09:00:00.000Z',
    actor: { id: 'writer', role: 'contract_manager' },
    organisationId: 'stockholm-county-council',
    calendar: { timeZone: 'UTC' },
  },
});

/** The store, counting the stream reads and appends that reach it. */
function counting(store: EventStore) {
  const calls = { reads: 0, appends: 0 };
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (name === 'readStream') calls.reads += 1;
        if (name === 'appendToStream') calls.appends += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('a command decides on the state this process knows, and the append proves it current', () => {
  let driver: PgliteDriver;
  // Two processes on one database: each has its own store, so each knows streams on its own.
  let here: ReturnType<typeof counting>;
  let elsewhere: EventStore;
  beforeAll(async () => {
    driver = await PgliteDriver.open();
    here = counting(await SqlEventStore.open(driver));
    elsewhere = await SqlEventStore.open(driver);
  });
  afterAll(async () => driver.close());

  it('answers a command on a known stream with one append and no read', async () => {
    await handleCommand(here.store, tally, 'tally-known', add('k1'));
    const before = { ...here.calls };
    const result = await handleCommand(here.store, tally, 'tally-known', add('k2'));
    expect(here.calls).toEqual({ reads: before.reads, appends: before.appends + 1 });
    expect(result.events.map((e) => e.data)).toEqual([{ number: 2, by: 'k2' }]);
    // The returned events are the recorded ones: a read finds the same.
    expect(await here.store.readStream('tally-known', { fromRevision: 1 })).toEqual(result.events);
  });

  it('decides again on what another process appended after the known state', async () => {
    await handleCommand(here.store, tally, 'tally-moved', add('m1'));
    await handleCommand(elsewhere, tally, 'tally-moved', add('m2'));
    const result = await handleCommand(here.store, tally, 'tally-moved', add('m3'));
    expect(result.events.map((e) => e.data)).toEqual([{ number: 3, by: 'm3' }]);
    expect((await readState(here.store, tally, 'tally-moved')).state).toBe(3);
  });

  it('answers a command another process recorded with its first result, writing nothing', async () => {
    await handleCommand(here.store, tally, 'tally-retried', add('r1'));
    const first = await handleCommand(elsewhere, tally, 'tally-retried', add('r2'));
    const retry = await handleCommand(here.store, tally, 'tally-retried', add('r2'));
    expect(retry).toMatchObject({ replayed: true, nextExpectedRevision: first.nextExpectedRevision });
    expect(await here.store.readStream('tally-retried')).toHaveLength(2);
  });

  it('refuses only on the stream as it is now', async () => {
    for (const id of ['c1', 'c2', 'c3', 'c4']) await handleCommand(here.store, tally, 'tally-closed', add(id));
    // Known here: closed. Read fresh it is still closed: refused. A retry of c2 recorded elsewhere
    // while this process knew less is its first result, not a refusal.
    await expect(handleCommand(here.store, tally, 'tally-closed', add('c5'))).rejects.toMatchObject({
      code: 'tally.closed',
    });
    await handleCommand(here.store, tally, 'tally-late', add('l1'));
    await handleCommand(elsewhere, tally, 'tally-late', add('l2'));
    await handleCommand(elsewhere, tally, 'tally-late', add('l3'));
    await handleCommand(elsewhere, tally, 'tally-late', add('l4'));
    // Known here: one entry, so l2 looks new; the store has it already.
    const retry = await handleCommand(here.store, tally, 'tally-late', add('l2'));
    expect(retry.replayed).toBe(true);
    expect(retry.events.map((e) => e.data)).toEqual([{ number: 2, by: 'l2' }]);
  });

  it('reads a stream emptied behind its back again from the start', async () => {
    await handleCommand(here.store, tally, 'tally-emptied', add('e1'));
    await driver.query("DELETE FROM pj_events WHERE stream_id = 'tally-emptied'");
    await driver.query("DELETE FROM pj_streams WHERE stream_id = 'tally-emptied'");
    const result = await handleCommand(here.store, tally, 'tally-emptied', add('e2'));
    expect(result.events.map((e) => e.data)).toEqual([{ number: 1, by: 'e2' }]);
  });

  it('keeps at most its budget of events, forgetting the streams used least recently', async () => {
    const known = knownStreamsOf(here.store);
    expect(known.size.events).toBeGreaterThan(0);
    expect(known.size.events).toBeLessThanOrEqual(20_000);
    known.forget('tally-known');
    const before = here.calls.reads;
    await handleCommand(here.store, tally, 'tally-known', add('k3'));
    expect(here.calls.reads).toBe(before + 1);
  });
});
