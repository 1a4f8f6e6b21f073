import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, HashingStream, isSha256, type BlobStore, type StoredBlob } from './blob-store';

/**
 * Blobs as files under a directory (`$DATA_DIR/blobs`, the embedded default): `sha256/ab/cd/<hash>`.
 * Content is written to `tmp/` first, synced to disk, then renamed into place, so a crash never
 * leaves a half-written file under a hash; the same content uploaded twice is one file.
 */
export class FilesystemBlobStore implements BlobStore {
  private constructor(private readonly root: string) {}

  static async open(root: string): Promise<FilesystemBlobStore> {
    await mkdir(join(root, 'tmp'), { recursive: true });
    await mkdir(join(root, 'sha256'), { recursive: true });
    return new FilesystemBlobStore(root);
  }

  locate(sha256: string): string {
    if (!isSha256(sha256)) throw new BlobNotFoundError(sha256);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Readable | AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    const temp = join(this.root, 'tmp', randomUUID());
    const hashing = new HashingStream();
    try {
      // `flush`: the file is synced to disk before it is closed.
      await pipeline(content, hashing, createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true }));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const stored = hashing.stored();
    const target = this.locate(stored.sha256);
    await mkdir(dirname(target), { recursive: true });
    // Same hash, same bytes: replacing an existing blob with its twin changes nothing.
    await rename(temp, target);
    await syncDirectory(dirname(target));
    return stored;
  }

  async get(sha256: string): Promise<Readable> {
    const path = this.locate(sha256);
    if (!(await this.has(sha256))) throw new BlobNotFoundError(sha256);
    return createReadStream(path);
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    try {
      return (await stat(this.locate(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async close(): Promise<void> {}
}

/** The rename is durable only once its directory entry is on disk. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
