import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventMetadata, EventToAppend } from './event-store';

/*
 * The tamper-evidence hash chain, shared by every adapter (see docs/audit.md).
 *
 * Each stored event's metadata carries `hash`, the SHA-256 (lower-case hex) of the UTF-8 bytes of
 * the RFC 8785 (JSON Canonicalization Scheme) form of this object:
 *
 *   { "scheme": "pj-chain-1", "streamId": ..., "revision": ..., "type": ..., "data": ...,
 *     "metadata": <the event's metadata without `hash` and `previousHash`>,
 *     "previousHash": <hash of the event at revision - 1 in the same stream, or null at revision 0> }
 *
 * and `previousHash`, the same value as in the hashed object. The stream id and the revision are
 * hashed, so an event copied to another stream or moved within its stream no longer matches its
 * hash; `previousHash` is hashed, so changing any event breaks the link of the event after it.
 * The global log position and the store's own timestamps are not hashed: they are assigned by the
 * store at commit and differ between adapters.
 *
 * The adapters compute the hashes of a batch in TypeScript just before the append, chained from the
 * stream head whose revision the append is then checked against (for `any` and `stream_exists`
 * appends the adapter reads the head and appends at that exact revision, retrying on a conflict), so
 * a concurrent writer can never interleave between the head that was hashed and the append.
 */

/** Identifies what is hashed; part of the hashed object so a future scheme cannot be confused with this one. */
export const HASH_CHAIN_SCHEME = 'pj-chain-1';

/** The chain fields the store adds to every event's metadata at append time. */
export interface ChainFields {
  /** SHA-256 (hex) of the event's canonical form. */
  readonly hash: string;
  /** The hash of the event before it in the same stream; null for the first event (revision 0). */
  readonly previousHash: string | null;
}

/** What the hash covers: a stored or about-to-be-stored event at its stream and revision. */
export interface HashableEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata | Record<string, unknown>;
}

/** The metadata as hashed: every field except the chain fields. */
export function withoutChainFields<M extends object>(metadata: M): Omit<M, 'hash' | 'previousHash'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { hash, previousHash, ...rest } = metadata as M & Partial<ChainFields>;
  return rest;
}

/** The RFC 8785 canonical text that is hashed for `event` when it follows `previousHash`. */
export function canonicalEventForm(event: HashableEvent, previousHash: string | null): string {
  return canonicalJson({
    scheme: HASH_CHAIN_SCHEME,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: withoutChainFields(event.metadata),
    previousHash,
  });
}

/** SHA-256 (hex) of the event's canonical form, chained to `previousHash`. */
export function computeEventHash(event: HashableEvent, previousHash: string | null): string {
  return createHash('sha256').update(canonicalEventForm(event, previousHash), 'utf8').digest('hex');
}

/** The chain fields stored in an event's metadata, if it has them. */
export function chainFieldsOf(metadata: unknown): ChainFields | undefined {
  const candidate = metadata as Partial<ChainFields> | null | undefined;
  if (typeof candidate?.hash !== 'string') return undefined;
  const previous = candidate.previousHash;
  return { hash: candidate.hash, previousHash: typeof previous === 'string' ? previous : null };
}

/**
 * Adds the chain fields to a batch that will occupy revisions `firstRevision`, `firstRevision + 1`, …
 * of `streamId`, after an event whose hash is `previousHash` (null for a new stream). Chain fields
 * the caller sent are replaced: only the store computes them.
 */
export function chainBatch(
  streamId: string,
  firstRevision: number,
  previousHash: string | null,
  events: readonly EventToAppend[],
): EventToAppend[] {
  let previous = previousHash;
  return events.map((event, index) => {
    const metadata = withoutChainFields(event.metadata) as EventMetadata;
    const hash = computeEventHash(
      { streamId, revision: firstRevision + index, type: event.type, data: event.data, metadata },
      previous,
    );
    const chained: EventToAppend = { ...event, metadata: { ...metadata, hash, previousHash: previous } };
    previous = hash;
    return chained;
  });
}
