import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The machine's PostgreSQL server (TEST_DATABASE_URL's server, or 127.0.0.1:5432). */
function serverUrl(
  database: string,
  base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A database of its own for a test that tampers with rows or verifies the whole store: the shared
 * test database holds every other suite's events. Dropped by `drop()`.
 */
export async function createScratchDatabase(
  label: string,
  server?: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `pj_${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: serverUrl('postgres', server) });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: serverUrl(name, server),
    async drop() {
      const client = new Client({ connectionString: serverUrl('postgres', server) });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
