import { Client, Pool, type PoolConfig } from 'pg';
import type { SqlDriver, SqlQueryable } from './sql-driver';

/** A PostgreSQL server through a `pg` connection pool. */
export class PgDriver implements SqlDriver {
  private readonly listeners = new Set<Client>();

  private constructor(
    private readonly pool: Pool,
    private readonly config: PoolConfig,
  ) {}

  static async open(connectionString: string, options: { max?: number } = {}): Promise<PgDriver> {
    const config: PoolConfig = { connectionString, max: options.max ?? 10 };
    const pool = new Pool(config);
    // An idle client that errors (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    await pool.query('SELECT 1');
    return new PgDriver(pool, config);
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params as unknown[])).rows as Row[];
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, params as unknown[])).rows as Row[],
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    // LISTEN needs a connection of its own, outside the pool.
    const client = new Client({ connectionString: this.config.connectionString });
    client.on('error', () => undefined);
    await client.connect();
    client.on('notification', onNotify);
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    this.listeners.add(client);
    return async () => {
      this.listeners.delete(client);
      await client.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((client) => client.end().catch(() => undefined)));
    this.listeners.clear();
    await this.pool.end();
  }
}
