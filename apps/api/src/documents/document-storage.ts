import type { BlobStore } from '@pj/event-store';

/** Where documents' content is kept and the largest upload taken (DOCUMENT_MAX_BYTES). */
export interface DocumentStorage {
  readonly blobs?: BlobStore;
  readonly maxBytes?: number;
}

export const DOCUMENT_STORAGE = Symbol('DocumentStorage');

/** The default when DOCUMENT_MAX_BYTES is not set: 100 MiB. */
export const DEFAULT_DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;
