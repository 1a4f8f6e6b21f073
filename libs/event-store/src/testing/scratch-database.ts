import { Client } from 'pg';

export interface ScratchDatabase {
  /** Connection string of the isolated place to write to. */
  readonly url: string;
  /** What was created, for reports. */
  readonly description: string;
  drop(): Promise<void>;
}

/**
 * A fresh database (`<prefix>_<pid>_<time>`) for one bench run or one test file, created through
 * the server's `postgres` database and dropped at the end, so its global log holds only its own events.
 * If the role may not create databases, falls back to a fresh schema in the given database,
 * selected through the connection's search_path.
 */
export async function createScratchDatabase(url: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
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
    return createScratchSchema(url, name, databaseError);
  }
}

async function createScratchSchema(url: string, name: string, databaseError: unknown): Promise<ScratchDatabase> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${name}`);
  } catch (schemaError) {
    await client.end();
    throw new Error(
      `cannot isolate a scratch database: CREATE DATABASE failed (${String(databaseError)}), CREATE SCHEMA failed (${String(schemaError)})`,
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
