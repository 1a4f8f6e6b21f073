import { foldHistory, type AggregateName } from '@pj/application';
import {
  findingEventTypes,
  grievanceEventTypes,
  procurementCase,
  procurementCaseEventTypes,
  purchasingPracticeReviewEventTypes,
  supplyStandstillEventTypes,
  withoutConfidentialDocuments,
  type ProcurementCaseState,
} from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { ownedBy, streamOf, type Projection } from './projection';
import { searchDocument } from './search';

const caseEventTypes: ReadonlySet<string> = new Set(procurementCaseEventTypes);
/** The case an event is of: its organisation and id (case ids are each organisation's own). */
const caseOf = (event: RecordedEvent) => ownedBy('procurementCase', event);

/**
 * Cases: one row per procurement case with its phase (the case board) and its folded state
 * (case detail). The state is the domain's own fold, so the read model and the decider agree.
 */
export const caseProjection: Projection = {
  name: 'cases',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_cases (
      organisation_id text NOT NULL,
      case_id         text NOT NULL,
      title           text NOT NULL,
      phase           text NOT NULL,
      risk_level      text,
      supplier_id     text,
      revision        bigint NOT NULL,
      state           json NOT NULL,
      opened_at       timestamptz NOT NULL,
      updated_at      timestamptz NOT NULL,
      search          tsvector GENERATED ALWAYS AS (${searchDocument('title')}) STORED,
      PRIMARY KEY (organisation_id, case_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_cases_board ON rm_cases (organisation_id, phase, updated_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_cases_search ON rm_cases USING gin (search)',
  ],
  tables: ['rm_cases'],
  eventTypes: caseEventTypes,
  async apply(tx: SqlQueryable, event: RecordedEvent) {
    const owner = caseOf(event);
    if (!owner) return;
    const rows = await tx.query<{ state: ProcurementCaseState; revision: string }>(
      'SELECT state, revision FROM rm_cases WHERE organisation_id = $1 AND case_id = $2',
      [owner.organisationId, owner.id],
    );
    const previous = rows[0];
    if (previous && Number(previous.revision) >= event.revision) return;
    const state = foldHistory(
      { initialState: () => previous?.state ?? procurementCase.initialState(), evolve: procurementCase.evolve },
      [event],
    );
    if (state.status === 'not_opened') return;
    const supplierId = 'award' in state ? state.award.supplierId : null;
    await tx.query(
      `INSERT INTO rm_cases (case_id, organisation_id, title, phase, risk_level, supplier_id, revision, state, opened_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $9)
       ON CONFLICT (organisation_id, case_id) DO UPDATE SET phase = EXCLUDED.phase, risk_level = EXCLUDED.risk_level, title = EXCLUDED.title,
         supplier_id = EXCLUDED.supplier_id, revision = EXCLUDED.revision, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
      [
        owner.id,
        owner.organisationId,
        state.title,
        state.status,
        state.riskLevel ?? null,
        supplierId,
        event.revision,
        JSON.stringify(state),
        event.metadata.recordedAt,
      ],
    );
  },
};

/** The reasons an event gives for itself, when it gives any: the "why" of the timeline. */
function reasonsOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  for (const key of ['reasons', 'reason', 'note', 'grounds', 'urgencyJustification']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value;
    if (Array.isArray(value) && value.length > 0) return value.map(String).join('; ');
  }
  return null;
}

/** The streams whose events belong on a case's timeline besides the case's own. */
const timelineAggregates = new Set<AggregateName>([
  'finding',
  'supplyStandstill',
  'purchasingPracticeReview',
  'grievance',
]);

/** The log position zero-padded (`commit/prepare`, 20 digits each), so that text order is log order. */
const logOrder = (position: RecordedEvent['position']) =>
  `${position.commit.toString().padStart(20, '0')}/${position.prepare.toString().padStart(20, '0')}`;

/** The case an event's data names, if it names one. */
const caseNamedBy = (data: unknown): string | undefined => {
  const caseId = typeof data === 'object' && data !== null ? (data as { caseId?: unknown }).caseId : undefined;
  return typeof caseId === 'string' && caseId !== '' ? caseId : undefined;
};

/**
 * What the timeline shows of an event's data: a grievance's complainant, and documents disclosed
 * under a non-disclosure agreement, stay in the log.
 */
function shownData(aggregate: AggregateName, type: string, data: unknown): unknown {
  if (aggregate === 'procurementCase') return withoutConfidentialDocuments(type, data);
  if (aggregate !== 'grievance' || typeof data !== 'object' || data === null) return data;
  const { complainant: _complainant, ...rest } = data as Record<string, unknown>;
  return rest;
}

/**
 * Case timeline: who did what, when, why (the reasons given, the command, the event that caused
 * it), for every event of the case: its own, and its findings', standstills', purchasing-practice
 * reviews' and grievances', in log order. Only a stream's first event names the case (a finding's
 * FindingRecorded, a standstill's imposition…), so the projection keeps which case each of those
 * streams belongs to (`rm_case_timeline_streams`), in the same transaction as the rows. A
 * grievance that names no case joins its finding's case when it is referred to one.
 */
export const caseTimelineProjection: Projection = {
  name: 'case-timeline',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_case_timeline (
      organisation_id text NOT NULL,
      case_id         text NOT NULL,
      stream_id       text NOT NULL,
      revision        bigint NOT NULL,
      aggregate       text NOT NULL,
      source_id       text NOT NULL,
      event_id        text NOT NULL,
      event_type      text NOT NULL,
      actor_id        text NOT NULL,
      actor_role      text NOT NULL,
      command_id      text NOT NULL,
      causation_id    text NOT NULL,
      correlation_id  text NOT NULL,
      reasons         text,
      log_order       text NOT NULL,
      recorded_at     timestamptz NOT NULL,
      data            json NOT NULL,
      PRIMARY KEY (organisation_id, case_id, stream_id, revision)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_case_timeline_order ON rm_case_timeline (organisation_id, case_id, log_order)',
    'CREATE INDEX IF NOT EXISTS rm_case_timeline_event ON rm_case_timeline (event_id)',
    `CREATE TABLE IF NOT EXISTS rm_case_timeline_streams (
      organisation_id text NOT NULL,
      aggregate       text NOT NULL,
      source_id       text NOT NULL,
      case_id         text NOT NULL,
      since_revision  bigint NOT NULL,
      PRIMARY KEY (organisation_id, aggregate, source_id)
    )`,
  ],
  tables: ['rm_case_timeline', 'rm_case_timeline_streams'],
  eventTypes: new Set([
    ...procurementCaseEventTypes,
    ...findingEventTypes,
    ...supplyStandstillEventTypes,
    ...purchasingPracticeReviewEventTypes,
    ...grievanceEventTypes,
  ]),
  async apply(tx: SqlQueryable, event: RecordedEvent) {
    const stream = streamOf(event);
    if (!stream?.organisationId) return;
    const { aggregate, organisationId, id } = stream;
    let caseId: string | undefined;
    if (aggregate === 'procurementCase') caseId = id;
    else if (timelineAggregates.has(aggregate)) caseId = await caseOfStream(tx, organisationId, aggregate, id, event);
    if (caseId === undefined) return;
    const m = event.metadata;
    await tx.query(
      `INSERT INTO rm_case_timeline (organisation_id, case_id, stream_id, revision, aggregate, source_id, event_id, event_type,
         actor_id, actor_role, command_id, causation_id, correlation_id, reasons, log_order, recorded_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::json) ON CONFLICT DO NOTHING`,
      [
        organisationId,
        caseId,
        event.streamId,
        event.revision,
        aggregate,
        id,
        m.eventId,
        event.type,
        m.actor.id,
        m.actor.role,
        m.commandId,
        m.causationId,
        m.correlationId,
        reasonsOf(event.data),
        logOrder(event.position),
        m.recordedAt,
        JSON.stringify(shownData(aggregate, event.type, event.data)),
      ],
    );
  },
};

/**
 * The case a finding's, standstill's, review's or grievance's stream belongs to, from the event
 * that first names it (kept): the case its data names, or for a grievance referred to a finding,
 * that finding's case. Undefined for the stream's events before that one.
 */
async function caseOfStream(
  tx: SqlQueryable,
  organisationId: string,
  aggregate: AggregateName,
  sourceId: string,
  event: RecordedEvent,
): Promise<string | undefined> {
  // Since which of its events the stream is on the case: a redelivered earlier event stays off.
  const lookUp = async (of: AggregateName, id: string) =>
    (
      await tx.query<{ case_id: string; since_revision: string }>(
        `SELECT case_id, since_revision FROM rm_case_timeline_streams
          WHERE organisation_id = $1 AND aggregate = $2 AND source_id = $3`,
        [organisationId, of, id],
      )
    )[0];
  const known = await lookUp(aggregate, sourceId);
  if (known !== undefined) return event.revision >= Number(known.since_revision) ? known.case_id : undefined;
  const named =
    caseNamedBy(event.data) ??
    (event.type === 'GrievanceReferredToFinding'
      ? (await lookUp('finding', (event.data as { findingId: string }).findingId))?.case_id
      : undefined);
  if (named === undefined) return undefined;
  await tx.query(
    `INSERT INTO rm_case_timeline_streams (organisation_id, aggregate, source_id, case_id, since_revision)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [organisationId, aggregate, sourceId, named, event.revision],
  );
  return named;
}
