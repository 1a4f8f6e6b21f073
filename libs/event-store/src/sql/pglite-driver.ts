import { PGlite } from '@electric-sql/pglite';
import { describeProcess, lockDataDirectory } from './data-directory-lock';
import type { SqlDriver, SqlQueryable } from './sql-driver';

/**
 * PGlite: PostgreSQL compiled to WASM, in this process. One connection, so transactions are
 * serialised by PGlite itself. `dataDir` undefined means in memory (tests). A data directory is
 * locked for this process while open (data-directory-lock.ts): a second process is refused.
 */
export class PgliteDriver implements SqlDriver {
  private constructor(
    private readonly db: PGlite,
    private readonly unlock: () => Promise<void> = async () => undefined,
  ) {}

  static async open(dataDir?: string): Promise<PgliteDriver> {
    if (!dataDir) return new PgliteDriver(await PGlite.create());
    const unlock = await lockDataDirectory(dataDir, describeProcess());
    try {
      return new PgliteDriver(await PGlite.create(dataDir), unlock);
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(sql, params as unknown[])).rows;
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await tx.query<Row>(sql, params as unknown[])).rows,
      }),
    );
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    await this.unlock();
  }
}
