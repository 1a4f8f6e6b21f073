import { Client } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '../testing/scratch-database';
import { testDatabaseUrl } from '../testing/test-database';
import { PgDriver } from './pg-driver';

// Connections of the PostgreSQL driver killed by the server (pg_terminate_backend): the driver must
// report the loss as StoreUnavailableError, never as an unhandled 'error' event (which would end
// the process), use fresh connections afterwards, and open its LISTEN connections again.
describe('the PostgreSQL driver when the server terminates its connections', () => {
  let database: ScratchDatabase;
  let driver: PgDriver;
  let admin: Client;

  beforeAll(async () => {
    database = await createScratchDatabase(testDatabaseUrl(), 'pj_driver');
    driver = await PgDriver.open(database.url);
    admin = new Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await driver?.close();
    await admin?.end();
    await database?.drop();
  });

  /** As a client told 503 would: try again while the store reports it is unavailable. */
  const retrying = async <T>(work: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if ((error as { code?: string }).code !== 'store_unavailable' || attempt === 5) throw error;
      }
    }
  };
  const terminate = (where: string) =>
    admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND ${where}`,
      [new URL(database.url).pathname.slice(1)],
    );
  const listening = async () =>
    Number(
      (
        await admin.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'`,
          [new URL(database.url).pathname.slice(1)],
        )
      ).rows[0].n,
    );

  it('fails a transaction whose connection is terminated with StoreUnavailableError, then works again', async () => {
    const running = driver.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await tx.query('SELECT pg_sleep(30)');
    });
    for (let tries = 0; (await terminate(`query LIKE 'SELECT pg_sleep%'`)).rowCount === 0 && tries < 100; tries++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(running).rejects.toMatchObject({ name: 'StoreUnavailableError', code: 'store_unavailable' });
    // Idle pooled connections terminated too: the next statements get fresh ones.
    await terminate('true');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(retrying(() => driver.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
    await expect(retrying(() => driver.transaction((tx) => tx.query('SELECT 2 AS two')))).resolves.toEqual([
      { two: 2 },
    ]);
  });

  it('opens a terminated LISTEN connection again and keeps delivering notifications', async () => {
    let notified = 0;
    const stop = await driver.listen('pj_driver_test', () => notified++);
    try {
      expect(await listening()).toBe(1);
      await terminate(`query LIKE 'LISTEN %'`);
      // Up to 30 s: on a busy shared server a reconnect may be refused for a while (too many
      // clients) and the driver backs off up to 5 s between tries.
      for (let tries = 0; (await listening()) === 0 && tries < 600; tries++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await listening()).toBe(1);
      const before = notified;
      // Reopening wakes the listener once by itself; a NOTIFY now proves the LISTEN is live.
      await retrying(() => driver.query(`SELECT pg_notify('pj_driver_test', '')`));
      for (let tries = 0; notified === before && tries < 100; tries++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(notified).toBeGreaterThan(before);
    } finally {
      await stop();
    }
  });
});
