import { readEvent } from '@pj/application';
import { escalationLadder, type EscalationStep, type EventType, type RemedyTimetable } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { ownedBy, streamOf, type Projection } from './projection';

const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY_MS).toISOString();

/** Where an open breach stands, in the order a compliance officer reads it. */
export type EscalationStatus =
  | 'awaiting_plan'
  | 'plan_submitted'
  | 'plan_overdue'
  | 'remediating'
  | 'plan_deadline_missed'
  | 'awaiting_termination_decision'
  | 'awaiting_verification'
  | 'remediation_verified'
  | 'closed'
  | 'contract_terminated';

export type DeadlineKind = 'plan_due' | 'plan_deadline' | EscalationStep;

interface EscalationRow {
  status: EscalationStatus;
  ladder_steps: EscalationStep[];
  remedy_timetable: RemedyTimetable;
  slipped_at: string | null;
}

/** The next ladder step after a slip, and when the breach-escalation workflow takes it. */
function nextRung(row: Pick<EscalationRow, 'ladder_steps' | 'remedy_timetable'>, slippedAt: string) {
  const next = escalationLadder[row.ladder_steps.length];
  return next
    ? { deadline: addDays(slippedAt, row.remedy_timetable.escalationAfterDays[next]), kind: next as DeadlineKind }
    : { deadline: null, kind: null };
}

/**
 * The escalation queue: one row per confirmed breach, with where it stands on the ladder and its
 * next deadline (the same timetable the breach-escalation workflow waits on), for the buyer that
 * confirmed it.
 */
export const escalationProjection: Projection = {
  name: 'escalations',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_escalations (
      organisation_id    text NOT NULL,
      finding_id         text NOT NULL,
      case_id            text NOT NULL,
      factory_id         text,
      contractor_id      text NOT NULL,
      severity           text NOT NULL,
      workers_affected   integer NOT NULL,
      status             text NOT NULL,
      open               boolean NOT NULL,
      ladder_steps       json NOT NULL,
      remedy_timetable   json NOT NULL,
      slipped_at         timestamptz,
      plan_id            text,
      next_deadline      timestamptz,
      next_deadline_kind text,
      confirmed_at       timestamptz NOT NULL,
      updated_at         timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, finding_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_escalations_queue ON rm_escalations (organisation_id, open, next_deadline)',
  ],
  tables: ['rm_escalations'],
  eventTypes: new Set<EventType>([
    'BreachConfirmed',
    'CorrectiveActionPlanRequested',
    'CorrectiveActionPlanSubmitted',
    'CorrectiveActionPlanAgreed',
    'CorrectiveActionPlanOverdue',
    'CorrectiveActionDeadlineMissed',
    'BreachEscalated',
    'TerminationProposalDeclined',
    'RemediationResultRecorded',
    'RemediationVerified',
    'BreachClosed',
    'ContractTerminated',
  ]),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    if (!event) return;
    const at = event.metadata.recordedAt;
    // Events of the finding's stream, or of its case's (escalation steps, termination), which name it.
    const organisationId = streamOf(event)?.organisationId;
    if (organisationId === undefined) return;
    if (event.type === 'BreachConfirmed') {
      const d = event.data;
      await tx.query(
        `INSERT INTO rm_escalations (finding_id, organisation_id, case_id, factory_id, contractor_id, severity,
           workers_affected, status, open, ladder_steps, remedy_timetable, confirmed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'awaiting_plan', true, '[]', $8::json, $9, $9)
         ON CONFLICT (organisation_id, finding_id) DO NOTHING`,
        [
          d.findingId,
          organisationId,
          d.caseId,
          d.factoryId ?? null,
          d.contractorId,
          d.severity,
          d.workersAffected,
          JSON.stringify(d.remedyTimetable),
          d.confirmedAt,
        ],
      );
      return;
    }
    const findingId = ownedBy('finding', event)?.id ?? ('findingId' in event.data ? event.data.findingId : undefined);
    if (!findingId) return;
    const [row] = await tx.query<EscalationRow>(
      `SELECT status, ladder_steps, remedy_timetable, slipped_at FROM rm_escalations
        WHERE organisation_id = $1 AND finding_id = $2`,
      [organisationId, findingId],
    );
    if (!row) return;
    const set = (fields: Record<string, unknown>) => {
      const entries = Object.entries({ ...fields, updated_at: at });
      return tx.query(
        `UPDATE rm_escalations SET ${entries.map(([column], i) => `${column} = $${i + 3}`).join(', ')}
          WHERE organisation_id = $1 AND finding_id = $2`,
        [organisationId, findingId, ...entries.map(([, value]) => value)],
      );
    };
    const slippedAt = row.slipped_at ? new Date(row.slipped_at).toISOString() : null;
    switch (event.type) {
      case 'CorrectiveActionPlanRequested': {
        const d = event.data;
        return void (await set({ status: 'awaiting_plan', next_deadline: d.dueBy, next_deadline_kind: 'plan_due' }));
      }
      case 'CorrectiveActionPlanSubmitted': {
        const d = event.data;
        return void (await set({ status: 'plan_submitted', plan_id: d.planId }));
      }
      case 'CorrectiveActionPlanAgreed': {
        const d = event.data;
        const waiting = row.status === 'awaiting_termination_decision';
        return void (await set({
          status: waiting ? row.status : 'remediating',
          plan_id: d.planId,
          slipped_at: null,
          next_deadline: d.deadline,
          next_deadline_kind: 'plan_deadline',
        }));
      }
      case 'CorrectiveActionPlanOverdue':
      case 'CorrectiveActionDeadlineMissed': {
        const d = event.data;
        const rung = nextRung(row, d.recordedAt);
        return void (await set({
          status: event.type === 'CorrectiveActionPlanOverdue' ? 'plan_overdue' : 'plan_deadline_missed',
          slipped_at: d.recordedAt,
          next_deadline: rung.deadline,
          next_deadline_kind: rung.kind,
        }));
      }
      case 'BreachEscalated': {
        const d = event.data;
        if (row.ladder_steps.includes(d.step)) return;
        const steps = [...row.ladder_steps, d.step];
        const rung = nextRung({ ...row, ladder_steps: steps }, slippedAt ?? d.escalatedAt);
        return void (await set({
          ladder_steps: JSON.stringify(steps),
          status: d.step === 'termination_proposed' ? 'awaiting_termination_decision' : row.status,
          next_deadline: rung.deadline,
          next_deadline_kind: rung.kind,
        }));
      }
      case 'TerminationProposalDeclined':
        return void (await set({ status: 'remediating' }));
      case 'RemediationResultRecorded': {
        const d = event.data;
        if (d.result !== 'complete') return void (await set({ status: 'awaiting_plan' }));
        return void (await set({ status: 'awaiting_verification', next_deadline: null, next_deadline_kind: null }));
      }
      case 'RemediationVerified':
        return void (await set({ status: 'remediation_verified', next_deadline: null, next_deadline_kind: null }));
      case 'BreachClosed':
        return void (await set({ status: 'closed', open: false, next_deadline: null, next_deadline_kind: null }));
      case 'ContractTerminated':
        return void (await set({
          status: 'contract_terminated',
          open: false,
          next_deadline: null,
          next_deadline_kind: null,
        }));
    }
  },
};
