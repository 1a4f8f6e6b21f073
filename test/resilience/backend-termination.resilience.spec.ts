import { Client } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '../../libs/event-store/src/testing/scratch-database';
import { testDatabaseUrl } from '../../libs/event-store/src/testing/test-database';
import { connectionLossScenario } from './support/connection-loss';

// Every backend of the engine's database is terminated (pg_terminate_backend), twice, while
// commands are being sent: pooled, in-transaction and LISTEN connections alike.
describe('the engine’s PostgreSQL backends terminated under load', () => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase(testDatabaseUrl(), 'pj_terminate');
  });
  afterAll(async () => database?.drop());

  connectionLossScenario({
    scenario: 'backends terminated',
    databaseUrl: () => database.url,
    fault: async () => {
      const admin = new Client({ connectionString: testDatabaseUrl() });
      await admin.connect();
      try {
        const name = new URL(database.url).pathname.slice(1);
        for (let round = 0; round < 2; round++) {
          await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [name],
          );
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      } finally {
        await admin.end();
      }
    },
  });
});
