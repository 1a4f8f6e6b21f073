import type { SqlDriver } from '../sql/sql-driver';
import type { BlobStore } from './blob-store';
import { FilesystemBlobStore } from './filesystem-blob-store';
import { SqlBlobStore } from './sql-blob-store';

/** The blob store the configuration names (BLOB_STORE); `postgres` keeps blobs in `db`. */
export function openBlobStore(
  setting: { readonly kind: 'filesystem'; readonly dir: string } | { readonly kind: 'postgres' },
  db: SqlDriver,
): Promise<BlobStore> {
  return setting.kind === 'filesystem' ? FilesystemBlobStore.open(setting.dir) : SqlBlobStore.open(db);
}
