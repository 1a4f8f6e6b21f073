import { parseStreamName } from '@pj/application';
import type { BlobStore, EventStore, RecordedEvent } from '@pj/event-store';
import { sha256Of } from '@pj/event-store';
import { chainFieldsOf, computeEventHash, readLogToNow } from '@pj/event-store';
import {
  appendChainHeads,
  CHAIN_HEADS_STREAM,
  chainHeadDigest,
  latestValidHeads,
  readChainHeads,
  signChainHead,
  type ChainHead,
  type StoredChainHead,
} from './chain-heads';
import type { AuditKeys } from './signing';
import { analyseStream, type VerificationIssue } from './stream-analysis';

export interface VerifyOptions {
  readonly keys: AuditKeys;
  /** Events per read of the global log. */
  readonly pageSize?: number;
  /** Called after each page with the number of events checked so far. */
  readonly onProgress?: (eventsChecked: number) => void;
  /** Where documents' content is kept: every document the log records is checked against its hash. */
  readonly blobs?: BlobStore;
}

/** A document the log records, where it was recorded. */
interface RecordedDocument {
  readonly streamId: string;
  readonly revision: number;
  readonly documentId: string;
  readonly sha256: string;
}

function recordedDocument(event: RecordedEvent): RecordedDocument | undefined {
  if (event.type !== 'DocumentAttached') return undefined;
  const { documentId, sha256 } = event.data as { documentId?: unknown; sha256?: unknown };
  return typeof documentId === 'string' && typeof sha256 === 'string'
    ? { streamId: event.streamId, revision: event.revision, documentId, sha256 }
    : undefined;
}

/** Reads every recorded document's content again and compares its SHA-256 with the event's. */
async function documentIssues(blobs: BlobStore | undefined, documents: readonly RecordedDocument[]) {
  const issues: VerificationIssue[] = [];
  if (!blobs) return issues;
  const verdicts = new Map<string, 'ok' | 'missing' | string>();
  for (const document of documents) {
    let verdict = verdicts.get(document.sha256);
    if (verdict === undefined) {
      verdict = (await blobs.has(document.sha256))
        ? (await sha256Of(await blobs.get(document.sha256))).sha256
        : 'missing';
      if (verdict === document.sha256) verdict = 'ok';
      verdicts.set(document.sha256, verdict);
    }
    if (verdict === 'ok') continue;
    const blob = blobs.locate(document.sha256);
    issues.push(
      verdict === 'missing'
        ? {
            kind: 'document-missing',
            streamId: document.streamId,
            revision: document.revision,
            detail: `document ${document.documentId}: no content stored under sha256 ${document.sha256} (${blob})`,
          }
        : {
            kind: 'document-tampered',
            streamId: document.streamId,
            revision: document.revision,
            detail: `document ${document.documentId}: the blob ${blob} hashes to ${verdict}, the event recorded ${document.sha256}`,
          },
    );
  }
  return issues;
}

export interface HeadSummary {
  readonly organisationId: string;
  readonly sealedAt: string;
  readonly keyId: string;
  readonly streams: number;
  readonly revision: number;
  readonly signatureValid: boolean;
}

export interface Verification {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly issues: readonly VerificationIssue[];
  /** The newest chain head of each organisation that was checked against. */
  readonly headsChecked: readonly HeadSummary[];
}

interface StreamState {
  next: number;
  /** The highest revision seen (tampered streams can come out of order). */
  maxRevision: number;
  lastHash: string | null;
  readonly organisationId: string;
  damaged: boolean;
}

/** Checks one event against the state of its stream so far; false when anything does not add up. */
function checkLink(state: StreamState, event: RecordedEvent): boolean {
  const chain = chainFieldsOf(event.metadata);
  const ok =
    chain !== undefined &&
    event.revision === state.next &&
    chain.previousHash === state.lastHash &&
    computeEventHash(event, chain.previousHash) === chain.hash;
  state.next = event.revision + 1;
  state.maxRevision = Math.max(state.maxRevision, event.revision);
  state.lastHash = chain?.hash ?? null;
  return ok;
}

function summarise(stored: StoredChainHead): HeadSummary {
  return {
    organisationId: stored.head.organisationId,
    sealedAt: stored.head.sealedAt,
    keyId: stored.head.keyId,
    streams: stored.head.streams.length,
    revision: stored.revision,
    signatureValid: stored.signatureValid,
  };
}

function signatureIssues(heads: readonly StoredChainHead[], keys: AuditKeys): VerificationIssue[] {
  return heads
    .filter((stored) => !stored.signatureValid)
    .map((stored) => ({
      kind: 'head-signature-invalid' as const,
      streamId: CHAIN_HEADS_STREAM,
      revision: stored.revision,
      detail:
        stored.head.keyId === keys.keyId
          ? `the chain head of ${stored.head.organisationId} sealed at ${stored.head.sealedAt} has a signature that does not verify`
          : `the chain head of ${stored.head.organisationId} sealed at ${stored.head.sealedAt} was signed with key ${stored.head.keyId}, not the configured ${keys.keyId}`,
    }));
}

/** Compares what the store holds now with what a signed head saw. */
function headIssues(
  head: ChainHead,
  streams: ReadonlyMap<string, { readonly lastRevision: number; readonly damaged: boolean }>,
  observed: ReadonlyMap<string, string | null>,
): VerificationIssue[] {
  const issues: VerificationIssue[] = [];
  for (const sealed of head.streams) {
    const now = streams.get(sealed.streamId);
    const seen = `the chain head of ${head.organisationId} sealed at ${head.sealedAt} saw revision ${sealed.revision}`;
    if (!now) {
      issues.push({ kind: 'stream-removed', streamId: sealed.streamId, detail: `the stream is gone; ${seen}` });
    } else if (now.lastRevision < sealed.revision) {
      issues.push({
        kind: 'truncated',
        streamId: sealed.streamId,
        revision: now.lastRevision + 1,
        detail: `the stream ends at revision ${now.lastRevision}; ${seen}`,
      });
    } else if (!now.damaged && observed.get(sealed.streamId) !== sealed.hash) {
      // A damaged stream's events are reported one by one already; this catches a re-chained rewrite.
      issues.push({
        kind: 'head-mismatch',
        streamId: sealed.streamId,
        revision: sealed.revision,
        detail: `the event at revision ${sealed.revision} has another hash than when it was sealed; ${seen}`,
      });
    }
  }
  return issues;
}

/** Internal result of a whole-store pass, with what sealing needs. */
interface StorePass extends Verification {
  readonly streamHeads: ReadonlyMap<string, StreamState>;
}

/** Which streams a pass covers: all, or those an organisation owns (by stream name) and its heads. */
interface PassScope {
  readonly organisationId?: string;
}

const ownedBy = (organisationId: string) => {
  const known = new Map<string, boolean>();
  return (streamId: string) => {
    let owned = known.get(streamId);
    if (owned === undefined)
      known.set(streamId, (owned = parseStreamName(streamId)?.organisationId === organisationId));
    return owned;
  };
};

async function passOverStore(store: EventStore, options: VerifyOptions, scope: PassScope = {}): Promise<StorePass> {
  const pageSize = options.pageSize ?? 5000;
  const inScope = scope.organisationId === undefined ? () => true : ownedBy(scope.organisationId);
  const heads = (await readChainHeads(store, options.keys))
    .filter((stored) => scope.organisationId === undefined || stored.head.organisationId === scope.organisationId)
    .map((stored) =>
      scope.organisationId === undefined
        ? stored
        : { ...stored, head: { ...stored.head, streams: stored.head.streams.filter((s) => inScope(s.streamId)) } },
    );
  const latest = latestValidHeads(heads);
  // Hashes the heads name, picked up as the log goes past them.
  const wanted = new Map<string, number>();
  for (const { head } of latest.values())
    for (const sealed of head.streams) wanted.set(sealed.streamId, sealed.revision);
  const observed = new Map<string, string | null>();

  const streams = new Map<string, StreamState>();
  const documents: RecordedDocument[] = [];
  let eventsChecked = 0;
  let eventsRead = 0;
  // Every event committed up to now (the next page is read while this one is hashed).
  for await (const page of readLogToNow(store, { pageSize })) {
    for (const event of page.events) {
      if (!inScope(event.streamId)) continue;
      eventsChecked++;
      let state = streams.get(event.streamId);
      if (!state) {
        state = {
          next: 0,
          maxRevision: -1,
          lastHash: null,
          organisationId: event.metadata.organisationId,
          damaged: false,
        };
        streams.set(event.streamId, state);
      }
      if (!checkLink(state, event)) state.damaged = true;
      if (wanted.get(event.streamId) === event.revision) observed.set(event.streamId, state.lastHash);
      const document = options.blobs && recordedDocument(event);
      if (document) documents.push(document);
    }
    eventsRead += page.events.length;
    options.onProgress?.(eventsRead);
  }

  const issues: VerificationIssue[] = [];
  for (const [streamId, state] of streams) {
    if (state.damaged) issues.push(...analyseStream(streamId, await store.readStream(streamId)));
  }
  issues.push(...signatureIssues(heads, options.keys));
  issues.push(...(await documentIssues(options.blobs, documents)));
  const lastRevisions = new Map(
    [...streams].map(([id, state]) => [id, { lastRevision: state.maxRevision, damaged: state.damaged }]),
  );
  for (const stored of latest.values()) issues.push(...headIssues(stored.head, lastRevisions, observed));
  return {
    ok: issues.length === 0,
    eventsChecked,
    streamsChecked: streams.size,
    issues,
    headsChecked: [...latest.values()].map(summarise),
    streamHeads: streams,
  };
}

/** Verifies every stream of the store through the global log, and the newest signed head of each organisation. */
export async function verifyStore(store: EventStore, options: VerifyOptions): Promise<Verification> {
  const { ok, eventsChecked, streamsChecked, issues, headsChecked } = await passOverStore(store, options);
  return { ok, eventsChecked, streamsChecked, issues, headsChecked };
}

/**
 * Verifies the streams one organisation owns (its name is in their stream names; the shared factory
 * registry is no one's) and its newest signed head, saying nothing of other organisations': what an
 * auditor of that organisation may see. `onProgress` still counts every event of the log read.
 */
export async function verifyOrganisation(
  store: EventStore,
  organisationId: string,
  options: VerifyOptions,
): Promise<Verification> {
  const { ok, eventsChecked, streamsChecked, issues, headsChecked } = await passOverStore(store, options, {
    organisationId,
  });
  return { ok, eventsChecked, streamsChecked, issues, headsChecked };
}

/** Verifies one stream, and its place in the newest signed head of its organisation that lists it. */
export async function verifyStream(store: EventStore, streamId: string, options: VerifyOptions): Promise<Verification> {
  const events = await store.readStream(streamId);
  const state: StreamState = { next: 0, maxRevision: -1, lastHash: null, organisationId: '', damaged: false };
  let observed: string | null | undefined;
  const heads = await readChainHeads(store, options.keys);
  const sealed = [...heads]
    .reverse()
    .find((stored) => stored.signatureValid && stored.head.streams.some((s) => s.streamId === streamId));
  const wantedRevision = sealed?.head.streams.find((s) => s.streamId === streamId)?.revision;
  for (const event of events) {
    if (!checkLink(state, event)) state.damaged = true;
    if (event.revision === wantedRevision) observed = state.lastHash;
  }
  const issues: VerificationIssue[] = state.damaged ? analyseStream(streamId, events) : [];
  issues.push(
    ...(await documentIssues(
      options.blobs,
      events.map(recordedDocument).filter((d): d is RecordedDocument => !!d),
    )),
  );
  if (sealed) {
    const only = { ...sealed.head, streams: sealed.head.streams.filter((s) => s.streamId === streamId) };
    const now =
      events.length > 0
        ? new Map([[streamId, { lastRevision: state.maxRevision, damaged: state.damaged }]])
        : new Map<string, { lastRevision: number; damaged: boolean }>();
    issues.push(...headIssues(only, now, new Map([[streamId, observed ?? null]])));
  }
  return {
    ok: issues.length === 0,
    eventsChecked: events.length,
    streamsChecked: events.length > 0 ? 1 : 0,
    issues,
    headsChecked: sealed ? [summarise(sealed)] : [],
  };
}

export interface SealResult {
  readonly verification: Verification;
  /** Empty when verification failed: a damaged store is not sealed. */
  readonly sealed: readonly { readonly head: ChainHead; readonly digest: string }[];
}

/**
 * Verifies the whole store and, if it is intact, writes a signed chain head for every organisation.
 * Run it periodically (the CLI's `seal`, or {@link startPeriodicSealing}).
 */
export async function sealChainHeads(
  store: EventStore,
  options: VerifyOptions & { readonly now?: () => Date },
): Promise<SealResult> {
  const pass = await passOverStore(store, options);
  const { ok, eventsChecked, streamsChecked, issues, headsChecked } = pass;
  const verification = { ok, eventsChecked, streamsChecked, issues, headsChecked };
  if (!ok) return { verification, sealed: [] };
  const sealedAt = (options.now?.() ?? new Date()).toISOString();
  const byOrganisation = new Map<
    string,
    { streams: { streamId: string; revision: number; hash: string | null }[]; events: number }
  >();
  for (const [streamId, state] of pass.streamHeads) {
    if (streamId === CHAIN_HEADS_STREAM) continue;
    const entry = byOrganisation.get(state.organisationId) ?? { streams: [], events: 0 };
    entry.streams.push({ streamId, revision: state.next - 1, hash: state.lastHash });
    entry.events += state.next;
    byOrganisation.set(state.organisationId, entry);
  }
  const heads = [...byOrganisation]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([organisationId, entry]) =>
      signChainHead(options.keys, {
        organisationId,
        sealedAt,
        streams: entry.streams.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0)),
        eventCount: entry.events,
      }),
    );
  await appendChainHeads(store, heads, sealedAt);
  return { verification, sealed: heads.map((head) => ({ head, digest: chainHeadDigest(head) })) };
}

/** Seals every `intervalMs` until stopped; a failed verification is reported, not thrown. */
export function startPeriodicSealing(
  store: EventStore,
  options: VerifyOptions & {
    readonly intervalMs: number;
    readonly onSealed?: (result: SealResult) => void;
    readonly onError?: (error: unknown) => void;
  },
): { stop(): Promise<void> } {
  let stopped = false;
  let busy = false;
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    // A seal that takes longer than the interval is not overlapped by the next one.
    if (stopped || busy) return;
    busy = true;
    running = sealChainHeads(store, options)
      .then((result) => options.onSealed?.(result))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (busy = false));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
