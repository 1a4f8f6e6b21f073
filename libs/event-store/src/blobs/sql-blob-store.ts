import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SqlDriver } from '../sql/sql-driver';
import { BlobNotFoundError, isSha256, type BlobStore, type StoredBlob } from './blob-store';

/** Bytes per row: big enough for few round trips, small enough that one row is never a burden. */
const CHUNK_BYTES = 1024 * 1024;

const SCHEMA = [
  // Chunks are written under the upload's own id while the hash is not yet known.
  `CREATE TABLE IF NOT EXISTS pj_blob_chunks (
     upload_id uuid NOT NULL,
     seq integer NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (upload_id, seq))`,
  `CREATE TABLE IF NOT EXISTS pj_blobs (
     sha256 text PRIMARY KEY,
     upload_id uuid NOT NULL,
     size bigint NOT NULL,
     stored_at timestamptz NOT NULL DEFAULT now())`,
];

/**
 * Blobs in PostgreSQL (a server or PGlite) as `bytea` rows of 1 MiB: written one statement per
 * chunk as the upload arrives (no transaction held open, so PGlite's one connection keeps serving
 * commands), and read one chunk at a time. A blob exists once its `pj_blobs` row is written, after
 * its last chunk; chunks of an upload that failed are removed. Large objects would do the same but
 * need a transaction around every read and write, and PGlite keeps them in its one connection.
 */
export class SqlBlobStore implements BlobStore {
  private constructor(private readonly db: SqlDriver) {}

  static async open(db: SqlDriver): Promise<SqlBlobStore> {
    await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('pj_blobs'))`);
      for (const statement of SCHEMA) await tx.query(statement);
    });
    return new SqlBlobStore(db);
  }

  locate(sha256: string): string {
    return `pj_blobs/${sha256} (its pj_blob_chunks)`;
  }

  async put(content: Readable | AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    const uploadId = randomUUID();
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.db.query('INSERT INTO pj_blob_chunks (upload_id, seq, data) VALUES ($1, $2, $3)', [
        uploadId,
        seq++,
        data,
      ]);
    };
    try {
      for await (const chunk of content) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        hash.update(bytes);
        size += bytes.length;
        for (let offset = 0; offset < bytes.length;) {
          const take = Math.min(CHUNK_BYTES - pendingBytes, bytes.length - offset);
          pending.push(bytes.subarray(offset, offset + take));
          pendingBytes += take;
          offset += take;
          if (pendingBytes === CHUNK_BYTES) await flush();
        }
      }
      await flush();
      const stored = { sha256: hash.digest('hex'), size };
      const [kept] = await this.db.query<{ upload_id: string }>(
        `INSERT INTO pj_blobs (sha256, upload_id, size) VALUES ($1, $2, $3)
         ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256 RETURNING upload_id`,
        [stored.sha256, uploadId, stored.size],
      );
      // The same content was stored before: keep the first copy.
      if (kept?.upload_id !== uploadId) await this.discard(uploadId);
      return stored;
    } catch (error) {
      await this.discard(uploadId).catch(() => undefined);
      throw error;
    }
  }

  async get(sha256: string): Promise<Readable> {
    const uploadId = await this.uploadOf(sha256);
    if (!uploadId) throw new BlobNotFoundError(sha256);
    const db = this.db;
    async function* chunks() {
      for (let seq = 0; ; seq++) {
        const [row] = await db.query<{ data: Uint8Array }>(
          'SELECT data FROM pj_blob_chunks WHERE upload_id = $1 AND seq = $2',
          [uploadId, seq],
        );
        if (!row) return;
        yield Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.uploadOf(sha256)) !== undefined;
  }

  async close(): Promise<void> {}

  private async uploadOf(sha256: string): Promise<string | undefined> {
    if (!isSha256(sha256)) return undefined;
    const [row] = await this.db.query<{ upload_id: string }>('SELECT upload_id FROM pj_blobs WHERE sha256 = $1', [
      sha256,
    ]);
    return row?.upload_id;
  }

  private async discard(uploadId: string): Promise<void> {
    await this.db.query('DELETE FROM pj_blob_chunks WHERE upload_id = $1', [uploadId]);
  }
}
