import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgDriver, PgliteDriver, type SqlDriver } from '../sql';
import { testDatabaseUrl } from '../testing/test-database';
import { describeBlobStoreContract } from './blob-store.contract';
import { FilesystemBlobStore } from './filesystem-blob-store';
import { SqlBlobStore } from './sql-blob-store';

// The same contract on the filesystem, on PGlite and on the PostgreSQL server.

const dir = mkdtempSync(join(tmpdir(), 'pj-blobs-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeBlobStoreContract('filesystem', { open: () => FilesystemBlobStore.open(join(dir, 'blobs')) });

/** The driver is the test's: closing the store leaves it open, so close it here. */
function onSql(open: () => Promise<SqlDriver>) {
  let driver: SqlDriver | undefined;
  afterAll(async () => driver?.close());
  return {
    open: async () => {
      driver = await open();
      return SqlBlobStore.open(driver);
    },
  };
}

describeBlobStoreContract(
  'PGlite',
  onSql(() => PgliteDriver.open(join(dir, 'pglite'))),
);
describeBlobStoreContract(
  'PostgreSQL server',
  onSql(() => PgDriver.open(testDatabaseUrl())),
);
