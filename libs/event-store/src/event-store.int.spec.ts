import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from './contract/event-store.contract';
import { PgDriver, PgliteDriver, SqlEventStore } from './sql';
import { testDatabaseUrl } from './testing/test-database';

// The same contract on every adapter this machine can run, and on EventStoreDB where one is reachable.

const pgliteDir = mkdtempSync(join(tmpdir(), 'pj-pglite-contract-'));
afterAll(() => rmSync(pgliteDir, { recursive: true, force: true }));

// A data directory rather than memory, so that the restart test re-opens the same data.
describeEventStoreContract('PGlite', { open: async () => SqlEventStore.open(await PgliteDriver.open(pgliteDir)) });

describeEventStoreContract('PostgreSQL server', {
  open: async () => SqlEventStore.open(await PgDriver.open(testDatabaseUrl())),
});

const esdb = process.env.EVENTSTORE_CONNECTION_STRING;
if (esdb) {
  describeEventStoreContract('EventStoreDB', {
    open: async () => {
      const { EventStoreDbEventStore } = await import('./esdb/esdb-event-store');
      return EventStoreDbEventStore.connect(esdb);
    },
  });
} else {
  // eslint-disable-next-line no-console
  console.log('EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set.');
  describe.skip('event store contract: EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('runs against a reachable EventStoreDB server', () => undefined);
  });
}
