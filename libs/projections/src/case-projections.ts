import { foldHistory } from '@pj/application';
import { procurementCase, procurementCaseEventTypes, type ProcurementCaseState } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { ownedBy, type Projection } from './projection';
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

/** Case timeline: who did what, when, why (the reasons given, the command, the event that caused it). */
export const caseTimelineProjection: Projection = {
  name: 'case-timeline',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_case_timeline (
      case_id         text NOT NULL,
      revision        bigint NOT NULL,
      organisation_id text NOT NULL,
      event_id        text NOT NULL,
      event_type      text NOT NULL,
      actor_id        text NOT NULL,
      actor_role      text NOT NULL,
      command_id      text NOT NULL,
      causation_id    text NOT NULL,
      correlation_id  text NOT NULL,
      reasons         text,
      position        text NOT NULL,
      recorded_at     timestamptz NOT NULL,
      data            json NOT NULL,
      PRIMARY KEY (organisation_id, case_id, revision)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_case_timeline_event ON rm_case_timeline (event_id)',
  ],
  tables: ['rm_case_timeline'],
  eventTypes: caseEventTypes,
  async apply(tx: SqlQueryable, event: RecordedEvent) {
    const owner = caseOf(event);
    if (!owner) return;
    const m = event.metadata;
    await tx.query(
      `INSERT INTO rm_case_timeline (case_id, revision, organisation_id, event_id, event_type, actor_id, actor_role,
         command_id, causation_id, correlation_id, reasons, position, recorded_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::json) ON CONFLICT DO NOTHING`,
      [
        owner.id,
        event.revision,
        owner.organisationId,
        m.eventId,
        event.type,
        m.actor.id,
        m.actor.role,
        m.commandId,
        m.causationId,
        m.correlationId,
        reasonsOf(event.data),
        `${event.position.commit}/${event.position.prepare}`,
        m.recordedAt,
        JSON.stringify(event.data),
      ],
    );
  },
};
