import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EventToAppend } from '@pj/event-store';
import { chainBatch, PgDriver, SqlEventStore } from '@pj/event-store';
import { keysFromSeed } from './signing';
import type { VerificationIssue } from './stream-analysis';
import { sealChainHeads, verifyOrganisation, verifyStore, verifyStream } from './verify';
import { createScratchDatabase } from './testing/scratch-database';

// Tampering done the way an attacker with database access would: raw SQL on pj_events through a
// plain `pg` client, behind the event store's back. Verification must name stream and revision.

const keys = keysFromSeed(Buffer.alloc(32, 7));

function event(type: string, data: unknown, organisationId = 'org-tamper'): EventToAppend {
  const commandId = randomUUID();
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: 'user-1', role: 'contract_manager' },
      organisationId,
      recordedAt: '2026-11-21T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

const fiveEvents = () => Array.from({ length: 5 }, (_, n) => event('FindingRecorded', { n, severity: 'high' }));

describe('verification names every tampered event by stream and revision (PostgreSQL server, raw SQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  let store: SqlEventStore;
  let sql: Client;
  const streams = {
    changed: 'case-changed',
    removed: 'case-removed',
    inserted: 'case-inserted',
    reordered: 'case-reordered',
    deletedWhole: 'case-deleted-whole',
    truncated: 'case-truncated',
    rewritten: 'case-rewritten',
    intact: 'case-intact',
  };
  const issuesOf = (issues: readonly VerificationIssue[], streamId: string) =>
    issues.filter((issue) => issue.streamId === streamId).map(({ kind, revision }) => ({ kind, revision }));

  beforeAll(async () => {
    database = await createScratchDatabase('audit_tamper');
    store = await SqlEventStore.open(await PgDriver.open(database.url));
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    for (const streamId of Object.values(streams))
      await store.appendToStream(streamId, fiveEvents(), { expectedRevision: 'no_stream' });
    await store.appendToStream('case-other-buyer', [event('CaseOpened', {}, 'org-other')], {
      expectedRevision: 'no_stream',
    });
  });
  afterAll(async () => {
    await sql?.end();
    await store?.close();
    await database?.drop();
  });

  it('verifies an untouched store and seals a signed head per organisation', async () => {
    const intact = await verifyStore(store, { keys });
    expect(intact.issues).toEqual([]);
    expect(intact.ok).toBe(true);
    expect(intact.eventsChecked).toBe(41);

    const sealed = await sealChainHeads(store, { keys, now: () => new Date('2026-12-01T00:00:00Z') });
    expect(sealed.sealed.map((s) => s.head.organisationId)).toEqual(['org-other', 'org-tamper']);
    expect(sealed.sealed[1].head.streams).toHaveLength(8);
    expect(sealed.sealed[0].digest).toMatch(/^[0-9a-f]{64}$/);

    const again = await verifyStore(store, { keys });
    expect(again.ok).toBe(true);
    expect(again.headsChecked.map((h) => h.organisationId).sort()).toEqual(['org-other', 'org-tamper']);
  });

  it('names a changed, removed, inserted and reordered event, a deleted stream, a truncation and a re-chained rewrite', async () => {
    // Changed: an UPDATE of one event's data.
    await sql.query(
      `UPDATE pj_events SET data = '{"n":2,"severity":"low"}' WHERE stream_id = $1 AND stream_revision = 2`,
      [streams.changed],
    );
    // Removed: one event deleted from the middle.
    await sql.query('DELETE FROM pj_events WHERE stream_id = $1 AND stream_revision = 2', [streams.removed]);
    // Inserted: later events moved up one revision, a forged event chained to revision 2 put at 3.
    await sql.query(
      'UPDATE pj_events SET stream_revision = stream_revision + 1000 WHERE stream_id = $1 AND stream_revision >= 3',
      [streams.inserted],
    );
    await sql.query(
      'UPDATE pj_events SET stream_revision = stream_revision - 999 WHERE stream_id = $1 AND stream_revision >= 1000',
      [streams.inserted],
    );
    const [atTwo] = await store.readStream(streams.inserted, { fromRevision: 2, maxCount: 1 });
    const [forged] = chainBatch(streams.inserted, 3, atTwo.metadata.hash!, [
      event('FindingWithdrawn', { forged: true }),
    ]);
    await sql.query(
      `INSERT INTO pj_events (stream_id, stream_revision, event_id, event_type, data, metadata) VALUES ($1, 3, $2, $3, $4, $5)`,
      [
        streams.inserted,
        forged.metadata.eventId,
        forged.type,
        JSON.stringify(forged.data),
        JSON.stringify(forged.metadata),
      ],
    );
    // Reordered: revisions 1 and 2 swapped.
    await sql.query('UPDATE pj_events SET stream_revision = -1 WHERE stream_id = $1 AND stream_revision = 1', [
      streams.reordered,
    ]);
    await sql.query('UPDATE pj_events SET stream_revision = 1 WHERE stream_id = $1 AND stream_revision = 2', [
      streams.reordered,
    ]);
    await sql.query('UPDATE pj_events SET stream_revision = 2 WHERE stream_id = $1 AND stream_revision = -1', [
      streams.reordered,
    ]);
    // A whole stream deleted since the last head.
    await sql.query('DELETE FROM pj_events WHERE stream_id = $1', [streams.deletedWhole]);
    await sql.query('DELETE FROM pj_streams WHERE stream_id = $1', [streams.deletedWhole]);
    // The newest event of a stream deleted since the last head.
    await sql.query('DELETE FROM pj_events WHERE stream_id = $1 AND stream_revision = 4', [streams.truncated]);
    // Revision 1 rewritten and the chain recomputed from there on: the chain alone verifies, the head does not.
    const original = await store.readStream(streams.rewritten);
    const rewritten = chainBatch(streams.rewritten, 1, original[0].metadata.hash!, [
      { ...original[1], data: { n: 1, severity: 'none' } },
      ...original.slice(2),
    ]);
    for (const [index, replacement] of rewritten.entries())
      await sql.query('UPDATE pj_events SET data = $3, metadata = $4 WHERE stream_id = $1 AND stream_revision = $2', [
        streams.rewritten,
        index + 1,
        JSON.stringify(replacement.data),
        JSON.stringify(replacement.metadata),
      ]);

    const result = await verifyStore(store, { keys });
    expect(result.ok).toBe(false);
    expect(issuesOf(result.issues, streams.changed)).toEqual([{ kind: 'changed', revision: 2 }]);
    expect(issuesOf(result.issues, streams.removed)).toEqual([{ kind: 'removed', revision: 2 }]);
    expect(issuesOf(result.issues, streams.inserted)).toEqual([
      { kind: 'inserted', revision: 3 },
      { kind: 'reordered', revision: 4 },
      { kind: 'reordered', revision: 5 },
    ]);
    expect(issuesOf(result.issues, streams.reordered)).toEqual([
      { kind: 'reordered', revision: 1 },
      { kind: 'reordered', revision: 2 },
    ]);
    expect(issuesOf(result.issues, streams.deletedWhole)).toEqual([{ kind: 'stream-removed', revision: undefined }]);
    expect(issuesOf(result.issues, streams.truncated)).toEqual([{ kind: 'truncated', revision: 4 }]);
    expect(issuesOf(result.issues, streams.rewritten)).toEqual([{ kind: 'head-mismatch', revision: 4 }]);
    expect(issuesOf(result.issues, streams.intact)).toEqual([]);
    expect(issuesOf(result.issues, 'case-other-buyer')).toEqual([]);

    // One stream at a time gives the same answer.
    expect(issuesOf((await verifyStream(store, streams.changed, { keys })).issues, streams.changed)).toEqual([
      { kind: 'changed', revision: 2 },
    ]);
    expect((await verifyStream(store, streams.deletedWhole, { keys })).issues.map((i) => i.kind)).toEqual([
      'stream-removed',
    ]);
    expect((await verifyStream(store, streams.intact, { keys })).ok).toBe(true);

    // A damaged store is not sealed.
    expect((await sealChainHeads(store, { keys })).sealed).toEqual([]);
  });

  it('reports a head whose signature does not verify with the configured key', async () => {
    const otherKeys = keysFromSeed(Buffer.alloc(32, 9));
    const result = await verifyStream(store, streams.intact, { keys: otherKeys });
    expect(result.headsChecked).toEqual([]);
    const whole = await verifyStore(store, { keys: otherKeys });
    expect(whole.issues.filter((i) => i.kind === 'head-signature-invalid')).toHaveLength(2);
  });

  it('reports a head whose stored data is no head as one whose signature does not verify, under its organisation', async () => {
    await sql.query(
      `UPDATE pj_events SET data = '{"scheme":"pj-head-1"}' WHERE stream_id = 'audit-chain-heads' AND data->>'organisationId' = 'org-other'`,
    );
    const result = await verifyOrganisation(store, 'org-other', { keys });
    expect(result.issues.filter((i) => i.kind === 'head-signature-invalid').map((i) => i.detail)).toEqual([
      expect.stringContaining('the chain head of org-other sealed at 2026-12-01T00:00:00.000Z'),
    ]);
  });
});
