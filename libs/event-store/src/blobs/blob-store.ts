import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { KnownError, type ErrorKind } from '@pj/domain';

/** What the store answers for content it has kept: its SHA-256 (lowercase hex) and its size in bytes. */
export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
}

/**
 * Content-addressed storage for documents: bytes in, their SHA-256 out; the same bytes are one blob.
 * The event that records a document holds the hash, so the log proves what the content was and
 * `verify` can check the store against it. Nothing is ever deleted through this port.
 */
export interface BlobStore {
  /** Streams the content into the store while hashing it; a failing source stores nothing. */
  put(content: Readable | AsyncIterable<Uint8Array>): Promise<StoredBlob>;
  /** The content stored under a hash; `BlobNotFoundError` when there is none. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Where an operator finds a blob (a file path, a table row), for verification reports. */
  locate(sha256: string): string;
  close(): Promise<void>;
}

export class BlobNotFoundError extends KnownError {
  readonly kind: ErrorKind = 'not_found';
  constructor(readonly sha256: string) {
    super('blob.not_found', `no content stored under sha256 ${sha256}`, { sha256 });
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A hash as the store names blobs by; anything else (a path, a traversal) names no blob. */
export const isSha256 = (value: string): boolean => SHA256_HEX.test(value);

/** Passes bytes through, counting and hashing them: the store's answer once the stream ends. */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }

  /** Only once the stream has ended. */
  stored(): StoredBlob {
    return { sha256: this.hash.digest('hex'), size: this.size };
  }
}

/** SHA-256 of a stream's content, read to its end (what `verify` recomputes). */
export async function sha256Of(content: AsyncIterable<Uint8Array>): Promise<StoredBlob> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of content) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
