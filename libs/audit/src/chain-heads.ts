import { createHash, randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@pj/event-store';
import { canonicalJson } from '@pj/event-store';
import { signText, verifyText, type AuditKeys } from './signing';

/*
 * Signed chain heads: for one organisation, the revision and hash of the last event of each of its
 * streams at the time of sealing, signed with Ed25519 (signing.ts). A head is what makes a stream
 * deleted whole, a truncated stream, or a history rewritten with a recomputed chain detectable:
 * the chain alone only shows edits that did not recompute the hashes after them.
 *
 * Heads are stored as events of one stream, `audit-chain-heads`, in the event store itself, so they
 * work on every adapter and are themselves hash-chained. Publish the digest of each head outside
 * the store (the CLI prints it): an attacker with database access can delete the heads stream too.
 */

export const CHAIN_HEADS_STREAM = 'audit-chain-heads';
export const CHAIN_HEAD_EVENT_TYPE = 'ChainHeadSealed';
export const CHAIN_HEAD_SCHEME = 'pj-head-1';

export interface StreamHead {
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string | null;
}

export interface ChainHeadBody {
  readonly scheme: typeof CHAIN_HEAD_SCHEME;
  readonly organisationId: string;
  /** ISO-8601 instant the head was sealed. */
  readonly sealedAt: string;
  readonly keyId: string;
  /** Every stream of the organisation (its first event's organisation), sorted by id. */
  readonly streams: readonly StreamHead[];
  readonly eventCount: number;
}

export interface ChainHead extends ChainHeadBody {
  /** Ed25519 signature (base64) of the RFC 8785 form of the body. */
  readonly signature: string;
}

export interface StoredChainHead {
  readonly head: ChainHead;
  /** Revision of the head's event in the heads stream. */
  readonly revision: number;
  readonly signatureValid: boolean;
}

function canonicalBody(head: ChainHeadBody): string {
  const body: ChainHeadBody = {
    scheme: head.scheme,
    organisationId: head.organisationId,
    sealedAt: head.sealedAt,
    keyId: head.keyId,
    streams: head.streams,
    eventCount: head.eventCount,
  };
  return canonicalJson(body);
}

export function signChainHead(keys: AuditKeys, body: Omit<ChainHeadBody, 'scheme' | 'keyId'>): ChainHead {
  const full: ChainHeadBody = { scheme: CHAIN_HEAD_SCHEME, keyId: keys.keyId, ...body };
  return { ...full, signature: signText(keys, canonicalBody(full)) };
}

export function chainHeadSignatureValid(keys: AuditKeys, head: ChainHead): boolean {
  return head.keyId === keys.keyId && verifyText(keys, canonicalBody(head), head.signature);
}

/** SHA-256 of the signed head's canonical form: the value to publish outside the store. */
export function chainHeadDigest(head: ChainHead): string {
  return createHash('sha256').update(canonicalJson(head), 'utf8').digest('hex');
}

/** Every head in the store, oldest first, with whether its signature verifies under `keys`. */
export async function readChainHeads(store: EventStore, keys: AuditKeys): Promise<StoredChainHead[]> {
  const events: readonly RecordedEvent[] = await store.readStream(CHAIN_HEADS_STREAM);
  return events
    .filter((event) => event.type === CHAIN_HEAD_EVENT_TYPE)
    .map((event) => {
      if (isChainHead(event.data))
        return {
          head: event.data,
          revision: event.revision,
          signatureValid: chainHeadSignatureValid(keys, event.data),
        };
      // A head that is not one was written by no sealer: it can carry no valid signature, and is
      // reported as such under the organisation and instant its event names.
      const head: ChainHead = {
        scheme: CHAIN_HEAD_SCHEME,
        organisationId: event.metadata.organisationId,
        sealedAt: event.metadata.recordedAt,
        keyId: '',
        streams: [],
        eventCount: 0,
        signature: '',
      };
      return { head, revision: event.revision, signatureValid: false };
    });
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function isStreamHead(value: unknown): value is StreamHead {
  if (typeof value !== 'object' || value === null) return false;
  const head: Partial<Record<keyof StreamHead, unknown>> = value;
  return isString(head.streamId) && isInteger(head.revision) && (head.hash === null || isString(head.hash));
}

/** The stored data of a head event read as a head: every field of the signed body, of its type. */
export function isChainHead(data: unknown): data is ChainHead {
  if (typeof data !== 'object' || data === null) return false;
  const head: Partial<Record<keyof ChainHead, unknown>> = data;
  return (
    head.scheme === CHAIN_HEAD_SCHEME &&
    isString(head.organisationId) &&
    isString(head.sealedAt) &&
    isString(head.keyId) &&
    isString(head.signature) &&
    isInteger(head.eventCount) &&
    Array.isArray(head.streams) &&
    head.streams.every(isStreamHead)
  );
}

/** The newest head per organisation whose signature verifies. */
export function latestValidHeads(heads: readonly StoredChainHead[]): Map<string, StoredChainHead> {
  const latest = new Map<string, StoredChainHead>();
  for (const stored of heads) if (stored.signatureValid) latest.set(stored.head.organisationId, stored);
  return latest;
}

/** Appends signed heads to the heads stream (one event each). */
export async function appendChainHeads(store: EventStore, heads: readonly ChainHead[], now: string): Promise<void> {
  if (heads.length === 0) return;
  const commandId = `audit-seal:${randomUUID()}`;
  await store.appendToStream(
    CHAIN_HEADS_STREAM,
    heads.map((head) => ({
      type: CHAIN_HEAD_EVENT_TYPE,
      data: head,
      metadata: {
        eventId: randomUUID(),
        commandId,
        correlationId: commandId,
        causationId: commandId,
        actor: { id: 'audit-seal', role: 'system' },
        organisationId: head.organisationId,
        recordedAt: now,
        schemaVersion: 1,
      },
    })),
    { expectedRevision: 'any' },
  );
}
