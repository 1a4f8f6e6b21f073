import { Client } from 'pg';

export interface BenchDatabase {
  /** Connection string of the isolated place the bench writes to. */
  readonly url: string;
  /** What was created, for the report. */
  readonly description: string;
  drop(): Promise<void>;
}

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

/**
 * A fresh database for one bench run (`pj_bench_<pid>_<time>`), created through the server's
 * `postgres` database and dropped at the end, so the global log holds only the bench's events.
 * If the role may not create databases, falls back to a fresh schema in the given database,
 * selected through the connection's search_path.
 */
export async function createBenchDatabase(url: string): Promise<BenchDatabase> {
  const name = `pj_bench_${process.pid}_${Date.now().toString(36)}`;
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new Client({ connectionString: adminUrl.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const benchUrl = new URL(url);
    benchUrl.pathname = `/${name}`;
    return {
      url: benchUrl.toString(),
      description: `fresh database \`${name}\`, dropped at the end`,
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  } catch (databaseError) {
    await admin.end().catch(() => undefined);
    return createBenchSchema(url, name, databaseError);
  }
}

async function createBenchSchema(url: string, name: string, databaseError: unknown): Promise<BenchDatabase> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${name}`);
  } catch (schemaError) {
    await client.end();
    throw new Error(
      `cannot isolate the bench: CREATE DATABASE failed (${String(databaseError)}), CREATE SCHEMA failed (${String(schemaError)})`,
    );
  }
  const benchUrl = new URL(url);
  benchUrl.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: benchUrl.toString(),
    description: `fresh schema \`${name}\` in ${new URL(url).pathname.slice(1)} (CREATE DATABASE was refused), dropped at the end`,
    drop: async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await client.end();
    },
  };
}

/** The URL without its password, for the report. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
