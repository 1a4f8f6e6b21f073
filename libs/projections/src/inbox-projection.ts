import { readEvent } from '@pj/application';
import type { EventType } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { ownedBy, streamOf, type Projection } from './projection';
import { searchDocument } from './search';

/** What a compliance officer is asked to decide. */
export type InboxKind =
  | 'termination_decision'
  | 'supply_standstill_decision'
  | 'breach_escalated'
  | 'corrective_action_plan_approval'
  | 'grievance_escalated'
  | 'supplier_silence'
  | 'severe_finding';

interface Item {
  readonly kind: InboxKind;
  readonly subjectId: string;
  readonly caseId?: string | null;
  readonly summary: string;
  readonly dueAt?: string | null;
  readonly details: Record<string, unknown>;
}

/**
 * A compliance officer's inbox: one item per decision waiting for them, opened by the event that
 * asks for it and resolved by the event that answers it. Item ids are `<kind>:<subject>`, so a
 * second request for the same decision (a replaced plan) updates the open item.
 */
export const inboxProjection: Projection = {
  name: 'inbox',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_inbox (
      organisation_id text NOT NULL,
      item_id         text NOT NULL,
      kind            text NOT NULL,
      subject_id      text NOT NULL,
      case_id         text,
      summary         text NOT NULL,
      details         json NOT NULL,
      due_at          timestamptz,
      opened_at       timestamptz NOT NULL,
      resolved_at     timestamptz,
      resolved_by_event text,
      search          tsvector GENERATED ALWAYS AS (${searchDocument('summary')}) STORED,
      PRIMARY KEY (organisation_id, item_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_inbox_open ON rm_inbox (organisation_id, resolved_at, opened_at)',
    'CREATE INDEX IF NOT EXISTS rm_inbox_search ON rm_inbox USING gin (search)',
    // The case a breach or grievance belongs to, for items opened by events that do not name it.
    `CREATE TABLE IF NOT EXISTS rm_inbox_subjects (
      organisation_id text NOT NULL,
      subject_id      text NOT NULL,
      case_id         text,
      PRIMARY KEY (organisation_id, subject_id)
    )`,
  ],
  tables: ['rm_inbox', 'rm_inbox_subjects'],
  eventTypes: new Set<EventType>([
    'GrievanceSubmitted',
    'FindingRecorded',
    'BreachConfirmed',
    'FindingDismissed',
    'CorrectiveActionPlanSubmitted',
    'CorrectiveActionPlanAgreed',
    'BreachEscalated',
    'TerminationProposalDeclined',
    'SupplyStandstillProposed',
    'SupplyStandstillProposalDeclined',
    'SupplyStandstillImposed',
    'ContractTerminated',
    'BreachClosed',
    'GrievanceEscalated',
    'GrievanceReferredToFinding',
    'GrievanceClosed',
    'SupplierSilenceEscalated',
    'QuestionnaireAnswered',
  ]),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    if (!event) return;
    const at = event.metadata.recordedAt;
    // Every event here is of an organisation's own finding, grievance or case: its items are that organisation's.
    const organisationId = streamOf(event)?.organisationId;
    if (organisationId === undefined) return;
    const open = (item: Item) =>
      tx.query(
        `INSERT INTO rm_inbox (item_id, organisation_id, kind, subject_id, case_id, summary, details, due_at, opened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8, $9)
         ON CONFLICT (organisation_id, item_id) DO UPDATE SET summary = EXCLUDED.summary, details = EXCLUDED.details,
           due_at = EXCLUDED.due_at, opened_at = EXCLUDED.opened_at, resolved_at = NULL, resolved_by_event = NULL`,
        [
          `${item.kind}:${item.subjectId}`,
          organisationId,
          item.kind,
          item.subjectId,
          item.caseId ?? null,
          item.summary,
          JSON.stringify(item.details),
          item.dueAt ?? null,
          at,
        ],
      );
    const resolve = (kinds: readonly InboxKind[], subjectId: string) =>
      tx.query(
        `UPDATE rm_inbox SET resolved_at = $2, resolved_by_event = $3
          WHERE organisation_id = $4 AND item_id = ANY($1::text[]) AND resolved_at IS NULL`,
        [kinds.map((kind) => `${kind}:${subjectId}`), at, event.type, organisationId],
      );
    const findingId =
      ownedBy('finding', event)?.id ?? ('findingId' in event.data ? event.data.findingId : undefined) ?? '';
    const grievanceId = ownedBy('grievance', event)?.id ?? '';
    const remember = (subjectId: string, caseId: string | undefined) =>
      tx.query(
        `INSERT INTO rm_inbox_subjects (organisation_id, subject_id, case_id) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id, subject_id) DO UPDATE SET case_id = EXCLUDED.case_id`,
        [organisationId, subjectId, caseId ?? null],
      );
    const caseOf = async (subjectId: string) =>
      (
        await tx.query<{ case_id: string | null }>(
          'SELECT case_id FROM rm_inbox_subjects WHERE organisation_id = $1 AND subject_id = $2',
          [organisationId, subjectId],
        )
      )[0]?.case_id ?? null;

    switch (event.type) {
      case 'GrievanceSubmitted':
        await remember(grievanceId, 'caseId' in event.data ? event.data.caseId : undefined);
        return;
      case 'FindingRecorded': {
        const d = event.data;
        if (d.severity !== 'high' && d.severity !== 'critical') return;
        await open({
          kind: 'severe_finding',
          subjectId: d.findingId,
          caseId: d.caseId,
          summary: `${d.severity} finding ${d.factoryId !== undefined ? `at factory ${d.factoryId}` : 'on the contract'}: ${d.standardBreached} (${d.workersAffected} workers); confirm the breach or dismiss it`,
          details: {
            factoryId: d.factoryId,
            severity: d.severity,
            source: d.source,
            standardBreached: d.standardBreached,
          },
        });
        return;
      }
      case 'BreachConfirmed':
        await remember(findingId, 'caseId' in event.data ? event.data.caseId : undefined);
        await resolve(['severe_finding'], findingId);
        return;
      case 'FindingDismissed':
        await resolve(['severe_finding'], findingId);
        return;
      case 'CorrectiveActionPlanSubmitted': {
        const d = event.data;
        await open({
          kind: 'corrective_action_plan_approval',
          subjectId: findingId,
          caseId: await caseOf(findingId),
          summary: `corrective action plan ${d.planId} submitted for breach ${findingId}: approve it or ask for another`,
          dueAt: d.deadline,
          details: { planId: d.planId, actions: d.actions.length, submittedBy: d.submittedBy },
        });
        return;
      }
      case 'CorrectiveActionPlanAgreed':
        await resolve(['corrective_action_plan_approval', 'breach_escalated'], findingId);
        return;
      case 'BreachEscalated': {
        const d = event.data;
        if (d.step === 'termination_proposed')
          await open({
            kind: 'termination_decision',
            subjectId: d.findingId,
            caseId: d.caseId,
            summary: `termination of the contract proposed after the escalation ladder for breach ${d.findingId}: decide`,
            details: { step: d.step, note: d.note },
          });
        else if (d.step === 'escalated_to_compliance_officer')
          await open({
            kind: 'breach_escalated',
            subjectId: d.findingId,
            caseId: d.caseId,
            summary: `breach ${d.findingId} escalated to you: the remedy deadline slipped`,
            details: { step: d.step, note: d.note },
          });
        return;
      }
      case 'TerminationProposalDeclined':
        await resolve(['termination_decision'], findingId);
        return;
      case 'SupplyStandstillProposed': {
        const d = event.data;
        await open({
          kind: 'supply_standstill_decision',
          subjectId: d.findingId,
          caseId: d.caseId,
          summary: `supply standstill on ${d.factoryIds.length > 0 ? d.factoryIds.join(', ') : 'factories you name'} proposed after the escalation ladder for breach ${d.findingId}: impose it or decline`,
          details: { factoryIds: d.factoryIds, contractorId: d.contractorId, reasons: d.reasons },
        });
        return;
      }
      case 'SupplyStandstillProposalDeclined':
        await resolve(['supply_standstill_decision'], findingId);
        return;
      case 'SupplyStandstillImposed':
        // The officer's decision on the proposal (a direct standstill answers none).
        if (event.data.proposedBy)
          for (const id of event.data.findingIds) await resolve(['supply_standstill_decision'], id);
        return;
      case 'ContractTerminated':
      case 'BreachClosed':
        await resolve(
          ['termination_decision', 'supply_standstill_decision', 'breach_escalated', 'corrective_action_plan_approval'],
          findingId,
        );
        return;
      case 'GrievanceEscalated': {
        const d = event.data;
        await open({
          kind: 'grievance_escalated',
          subjectId: grievanceId,
          caseId: await caseOf(grievanceId),
          summary:
            d.reason === 'severe'
              ? `${d.severity} grievance ${grievanceId} escalated to you: take it on`
              : `grievance ${grievanceId} was not acknowledged in time: take it on`,
          details: { reason: d.reason, severity: d.severity },
        });
        return;
      }
      case 'GrievanceReferredToFinding':
      case 'GrievanceClosed':
        await resolve(['grievance_escalated'], grievanceId);
        return;
      case 'SupplierSilenceEscalated': {
        const d = event.data;
        await open({
          kind: 'supplier_silence',
          subjectId: d.questionnaireId,
          caseId: d.caseId,
          summary: `supplier ${d.supplierId} did not answer questionnaire ${d.questionnaireId} (contract year ${d.contractYear}) after ${d.remindersSent} reminders`,
          dueAt: null,
          details: { supplierId: d.supplierId, deadline: d.deadline, contractYear: d.contractYear },
        });
        return;
      }
      case 'QuestionnaireAnswered': {
        const d = event.data;
        await resolve(['supplier_silence'], d.questionnaireId);
        return;
      }
    }
  },
};
