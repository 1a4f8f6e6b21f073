import { Client, Pool, type PoolClient, type PoolConfig } from 'pg';
import { StoreUnavailableError } from '../errors';
import type { SqlDriver, SqlQueryable } from './sql-driver';

/** SQLSTATEs and socket errors that mean the connection or the server went away, not a bad statement. */
const CONNECTION_LOSS_CODES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting or stopping
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const CONNECTION_LOSS_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/i;

/** True when `error` says the database connection was lost or refused (class 08 included). */
export function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (CONNECTION_LOSS_CODES.has(code) || code.startsWith('08'))) return true;
  return error instanceof Error && CONNECTION_LOSS_MESSAGES.test(error.message);
}

const unavailableIfLost = (error: unknown) =>
  error instanceof StoreUnavailableError || !isConnectionLoss(error) ? error : new StoreUnavailableError(error);

/** LISTEN connections are opened again after a loss, backing off up to this. */
const MAX_LISTEN_BACKOFF_MS = 5_000;

/**
 * A PostgreSQL server through a `pg` connection pool. A lost connection never crashes the process:
 * the pool drops it and connects anew on the next use, in-flight work fails with
 * `StoreUnavailableError`, and LISTEN connections reconnect by themselves.
 */
export class PgDriver implements SqlDriver {
  private readonly listeners = new Set<Listener>();

  private constructor(
    private readonly pool: Pool,
    private readonly config: PoolConfig,
  ) {}

  static async open(connectionString: string, options: { max?: number } = {}): Promise<PgDriver> {
    const config: PoolConfig = {
      connectionString,
      max: options.max ?? 10,
      // A server that does not answer is reported as unavailable instead of holding requests.
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    };
    const pool = new Pool(config);
    // An idle client that errors (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    await pool.query('SELECT 1');
    return new PgDriver(pool, config);
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      return (await this.pool.query(sql, params as unknown[])).rows as Row[];
    } catch (error) {
      throw unavailableIfLost(error);
    }
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailableIfLost(error);
    }
    // A checked-out client has no listener of the pool's: its connection breaking mid-transaction
    // would be an unhandled 'error' event, which ends the process.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken ??= error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, params as unknown[])).rows as Row[],
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionLoss(error)) broken ??= error as Error;
      else await client.query('ROLLBACK').catch(() => undefined);
      throw unavailableIfLost(error);
    } finally {
      client.off('error', onError);
      // Passing the error makes the pool discard the connection instead of reusing it.
      client.release(broken);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const listener = new Listener(this.config.connectionString!, channel, onNotify);
    try {
      await listener.connect();
    } catch (error) {
      await listener.close();
      throw unavailableIfLost(error);
    }
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
      await listener.close();
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener.close()));
    this.listeners.clear();
    await this.pool.end();
  }
}

/**
 * One LISTEN connection, outside the pool. When it is lost it is opened again with backoff, and
 * the subscriber is woken once it is back, since events may have been written meanwhile.
 */
class Listener {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private failures = 0;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onNotify: () => void,
  ) {}

  async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    client.on('notification', () => this.onNotify());
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
  }

  private lost(client: Client): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.stopped || this.retry) return;
    const delay = Math.min(MAX_LISTEN_BACKOFF_MS, 100 * 2 ** this.failures++);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().then(
        () => this.onNotify(),
        () => this.reconnectLater(),
      );
    }, delay);
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
