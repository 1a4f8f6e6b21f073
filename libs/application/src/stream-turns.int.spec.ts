import type { Command, Decider, Event } from '@pj/domain';
import { PgliteDriver, SqlEventStore, type EventStore } from '@pj/event-store';
import { handleCommand } from './handle-command';
import { StreamTurns, streamTurnsOf } from './stream-turns';

// A tally of numbered entries: each command adds the next number, so the recorded numbers show
// whether every command decided on the state the one before it left.
type Add = Command<'AddEntry', { by: string }>;
type Added = Event<'EntryAdded', { number: number; by: string }>;
const tally: Decider<number, Add, Added> = {
  initialState: () => 0,
  decide: (command, count) => [{ type: 'EntryAdded', data: { number: count + 1, by: command.data.by } }],
  evolve: (count) => count + 1,
};
const add = (n: number): Add => ({
  type: 'AddEntry',
  data: { by: `writer-${n}` },
  metadata: {
    commandId: `add-${n}`,
    now: '2026-03-02T09:00:00.000Z',
    actor: { id: `writer-${n}`, role: 'contract_manager' },
    organisationId: 'stockholm-county-council',
    calendar: { timeZone: 'UTC' },
  },
});

describe('commands to one stream take turns within a process', () => {
  let driver: PgliteDriver;
  let store: SqlEventStore;
  beforeAll(async () => {
    driver = await PgliteDriver.open();
    store = await SqlEventStore.open(driver);
  });
  afterAll(async () => store.close());

  it('records 40 concurrent commands on one stream with one append each: none meets a conflict', async () => {
    let appends = 0;
    // The real store, counting its appends: a conflict would cost a second append of the command.
    const counting = new Proxy(store, {
      get(target, name, receiver) {
        if (name === 'appendToStream')
          return (...args: Parameters<EventStore['appendToStream']>) => {
            appends += 1;
            return target.appendToStream(...args);
          };
        const value = Reflect.get(target, name, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, n) => handleCommand(counting, tally, 'tally-one', add(n))),
    );
    expect(appends).toBe(40);
    const numbers = (await store.readStream('tally-one')).map((event) => (event.data as Added['data']).number);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    expect(new Set(results.map((result) => result.nextExpectedRevision)).size).toBe(40);
    expect(streamTurnsOf(counting).busyStreams).toBe(0);
  });

  it('lets other streams go on while one is busy, and a failed turn does not stop the next', async () => {
    const turns = new StreamTurns();
    const order: string[] = [];
    let release!: () => void;
    const held = turns.take('a', () =>
      new Promise<void>((resolve) => (release = resolve)).then(() => order.push('a1')),
    );
    const failed = turns.take('a', async () => {
      order.push('a2');
      throw new Error('refused');
    });
    const third = turns.take('a', async () => order.push('a3'));
    await turns.take('b', async () => order.push('b1'));
    expect(order).toEqual(['b1']);
    release();
    await held;
    await expect(failed).rejects.toThrow('refused');
    await third;
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(turns.busyStreams).toBe(0);
  });
});
