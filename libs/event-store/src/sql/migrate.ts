import { migrations, type Migration } from './migrations';
import type { SqlDriver } from './sql-driver';

/**
 * Applies the migrations not applied yet, each in its own transaction, in version order. An
 * advisory lock keeps two processes starting at once from applying the same one twice.
 */
export async function migrate(driver: SqlDriver, all: readonly Migration[] = migrations): Promise<number[]> {
  await driver.exec(`CREATE TABLE IF NOT EXISTS pj_schema_migrations (
    version    int PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: number[] = [];
  for (const migration of [...all].sort((a, b) => a.version - b.version)) {
    const done = await driver.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7403829101)');
      const rows = await tx.query('SELECT 1 FROM pj_schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO pj_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/**
 * Splits a script on semicolons that end a statement, keeping dollar-quoted function bodies
 * whole (extended-protocol queries take one statement each).
 */
function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollarQuote: string | undefined;
  const tokens = script.split(/(\$[a-z_]*\$|;)/i);
  for (const token of tokens) {
    if (/^\$[a-z_]*\$$/i.test(token)) {
      inDollarQuote = inDollarQuote === token ? undefined : (inDollarQuote ?? token);
      current += token;
    } else if (token === ';' && !inDollarQuote) {
      if (current.replace(/--.*$/gm, '').trim()) statements.push(current.trim());
      current = '';
    } else {
      current += token;
    }
  }
  if (current.replace(/--.*$/gm, '').trim()) statements.push(current.trim());
  return statements;
}
