import type { RecordedEvent } from '@pj/event-store';
import { chainFieldsOf, computeEventHash } from '@pj/event-store';

/** What verification can say about an event or a stream. */
export type IssueKind =
  /** The event's content no longer matches its hash, or it was rewritten and re-hashed (its successor's link breaks). */
  | 'changed'
  /** A revision the chain says existed is missing. */
  | 'removed'
  /** An event that is not part of the stream's chain. */
  | 'inserted'
  /** An event is stored at another revision than the one it was chained at. */
  | 'reordered'
  /** Events written without a hash chain (before the chain existed). */
  | 'unchained'
  /** A stream listed in a signed chain head no longer exists. */
  | 'stream-removed'
  /** A stream is shorter than its signed chain head says. */
  | 'truncated'
  /** The event a signed chain head names has another hash now: history up to it was rewritten. */
  | 'head-mismatch'
  /** A chain head's signature does not verify with the configured key. */
  | 'head-signature-invalid'
  /** A stored document's content no longer has the SHA-256 its event recorded. */
  | 'document-tampered'
  /** The content of a document the log records is not in the blob store. */
  | 'document-missing';

export interface VerificationIssue {
  readonly kind: IssueKind;
  readonly streamId: string;
  /** The revision the event is stored at now (for `removed` / `truncated`: the missing revision). */
  readonly revision?: number;
  /** For `reordered`: the revision the event was chained at. */
  readonly chainedAt?: number;
  readonly detail: string;
}

interface Link {
  readonly event: RecordedEvent;
  readonly hash: string;
  readonly previousHash: string | null;
}

/**
 * Classifies what happened to one stream whose chain does not verify (the fast streaming check
 * only says *that* something is wrong). The stored links (`previousHash` → `hash`) are followed
 * from the first event to recover the order events were chained in, independent of the revisions
 * they are stored at now; then every event's content is checked against its hash at the revision
 * it was chained at.
 *
 * - a revision the walk skips over (the next chained event hashes only at a later revision) → `removed`;
 * - an event whose content does not match its hash → `changed`;
 * - an event that hashes correctly but whose successor names another hash → `changed` (re-hashed);
 * - an event stored at another revision than it was chained at → `reordered`;
 * - an event outside the chain (no chain fields, or a second successor of one event) → `inserted`.
 */
export function analyseStream(streamId: string, stored: readonly RecordedEvent[]): VerificationIssue[] {
  const issues: VerificationIssue[] = [];
  const events = [...stored].sort((a, b) => a.revision - b.revision);
  const links: Link[] = [];
  for (const event of events) {
    const chain = chainFieldsOf(event.metadata);
    if (chain) links.push({ event, ...chain });
  }
  if (links.length === 0) {
    for (const event of events)
      issues.push({
        kind: 'unchained',
        streamId,
        revision: event.revision,
        detail: 'written without a hash chain: it cannot be verified',
      });
    return issues;
  }
  // Events without chain fields before the first chained one were written before the chain existed.
  const firstChained = links[0].event.revision;
  const unchainedRevisions = new Set<number>();
  for (const event of events) {
    if (chainFieldsOf(event.metadata)) continue;
    if (event.revision < firstChained) {
      unchainedRevisions.add(event.revision);
      issues.push({
        kind: 'unchained',
        streamId,
        revision: event.revision,
        detail: 'written without a hash chain: it cannot be verified',
      });
    } else {
      issues.push({
        kind: 'inserted',
        streamId,
        revision: event.revision,
        detail: 'has no hash: it is not part of the chain',
      });
    }
  }

  const successors = new Map<string | null, Link[]>();
  for (const link of links) {
    const list = successors.get(link.previousHash) ?? [];
    list.push(link);
    successors.set(link.previousHash, list);
  }
  const hashesMatch = (link: Link, revision: number) =>
    computeEventHash({ ...link.event, revision }, link.previousHash) === link.hash;

  const chainedAt = new Map<Link, number>();
  const maxSearch = Math.max(events[events.length - 1].revision, 0) + events.length + 1;
  let lastRevision = -1;
  let last: Link | undefined;

  /** Follows links from `start` (chained at `revision`), preferring a successor that continues the chain. */
  const walk = (start: Link, revision: number) => {
    let current: Link | undefined = start;
    let at = revision;
    while (current) {
      chainedAt.set(current, at);
      last = current;
      lastRevision = at;
      at++;
      const candidates: Link[] = (successors.get(current.hash) ?? []).filter((link) => !chainedAt.has(link));
      current = pickSuccessor(candidates, at);
    }
  };
  const pickSuccessor = (candidates: readonly Link[], at: number): Link | undefined => {
    if (candidates.length <= 1) return candidates[0];
    const score = (link: Link) =>
      (hashesMatch(link, at) ? 2 : 0) + ((successors.get(link.hash)?.length ?? 0) > 0 ? 1 : 0);
    return [...candidates].sort((a, b) => score(b) - score(a) || a.event.revision - b.event.revision)[0];
  };

  const storedRevisions = new Set(events.map((event) => event.revision));
  // Fragments: the chain from the first event, then each piece left after a break, in stored order.
  for (;;) {
    const hashes = new Set([...chainedAt.keys()].map((link) => link.hash));
    const start = links.find(
      (link) => !chainedAt.has(link) && !(link.previousHash !== null && hashes.has(link.previousHash)),
    );
    if (!start) break;
    const from = lastRevision + 1;
    let found: number | undefined;
    for (let revision = from; revision <= maxSearch && found === undefined; revision++)
      if (hashesMatch(start, revision)) found = revision;
    // Content that matches its hash at no revision: an edited event (reported below); it keeps its place.
    const at = found ?? Math.max(from, start.event.revision);
    if (at > from) {
      for (let revision = from; revision < at; revision++)
        if (found !== undefined ? !unchainedRevisions.has(revision) : !storedRevisions.has(revision))
          issues.push({
            kind: 'removed',
            streamId,
            revision,
            detail: 'the chain continues past this revision, but its event is gone',
          });
    } else if (last && found !== undefined) {
      issues.push({
        kind: 'changed',
        streamId,
        revision: last.event.revision,
        detail: 'rewritten and re-hashed: the next event names a different previous hash',
      });
    }
    walk(start, at);
  }

  // Events left over: second successors of an event (a fork), or pieces the walk could not place.
  for (const link of links) {
    if (chainedAt.has(link)) continue;
    issues.push({
      kind: 'inserted',
      streamId,
      revision: link.event.revision,
      detail: 'not part of the chain: another event already follows its predecessor',
    });
  }
  for (const [link, revision] of chainedAt) {
    if (!hashesMatch(link, revision))
      issues.push({
        kind: 'changed',
        streamId,
        revision: link.event.revision,
        detail: 'its content no longer matches its hash',
      });
    if (revision !== link.event.revision)
      issues.push({
        kind: 'reordered',
        streamId,
        revision: link.event.revision,
        chainedAt: revision,
        detail: `stored at revision ${link.event.revision}, chained at revision ${revision}`,
      });
  }
  return issues.sort((a, b) => (a.revision ?? -1) - (b.revision ?? -1) || a.kind.localeCompare(b.kind));
}
