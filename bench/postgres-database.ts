import { Client } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '../libs/event-store/src/testing/scratch-database';

export type BenchDatabase = ScratchDatabase;

export interface ServerInfo {
  readonly version: string;
  readonly settings: Record<string, string>;
}

/** The server's version and the settings that bound append and read rates. */
export async function serverInfo(url: string): Promise<ServerInfo> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    const rows = (
      await client.query<{
        name: string;
        setting: string;
        unit: string | null;
      }>(
        `SELECT name, setting, unit FROM pg_settings
          WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_level', 'max_connections')`,
      )
    ).rows;
    const settings: Record<string, string> = {};
    for (const row of rows) {
      settings[row.name] =
        row.name === 'shared_buffers' && row.unit === '8kB'
          ? `${Math.round((Number(row.setting) * 8) / 1024)} MB`
          : row.setting;
    }
    return { version, settings };
  } finally {
    await client.end();
  }
}

/** A fresh database for one bench run (`pj_bench_<pid>_<time>`), dropped at the end. */
export function createBenchDatabase(url: string): Promise<BenchDatabase> {
  return createScratchDatabase(url, 'pj_bench');
}

/** The URL without its password, for the report. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
