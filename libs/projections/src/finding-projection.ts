import { foldHistory, readEvent } from '@pj/application';
import { finding, findingEventTypes, type FindingState } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { updateRow, type GuardedRow } from './guarded-rows';
import { ownedBy, type Projection } from './projection';
import { searchDocument } from './search';

/** Where a finding's corrective action plan stands, from the request to the remediation result. */
export type PlanStatus = 'requested' | 'submitted' | 'overdue' | 'agreed' | 'deadline_missed' | 'result_recorded';

/**
 * Findings of the organisation that recorded them, each with its breach confirmation, corrective
 * action plan (requested, submitted, overdue, agreed, deadlines), remediation result, verification,
 * dismissal or closure; and the remedies to workers, a row each. `status` and `state` are the
 * domain's own fold, so the read model and the decider agree. The factory registry shows other
 * buyers the findings marked shareable from the same rows.
 */
export const findingProjection: Projection = {
  name: 'findings',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_findings (
      organisation_id      text NOT NULL,
      finding_id           text NOT NULL,
      factory_id           text,
      shareable            boolean NOT NULL,
      case_id              text,
      contractor_id        text,
      source               text NOT NULL,
      severity             text NOT NULL,
      standard_breached    text NOT NULL,
      workers_affected     integer NOT NULL,
      description          text NOT NULL,
      status               text NOT NULL,
      recorded_by          text NOT NULL,
      evidence_count       integer NOT NULL,
      breach_reasons       text,
      confirmed_by         text,
      confirmed_at         timestamptz,
      plan_status          text,
      plan_requested_at    timestamptz,
      plan_due_by          timestamptz,
      plan_submitted_at    timestamptz,
      plan_submitted_by    text,
      plan_id              text,
      plan_agreed_at       timestamptz,
      plan_deadline        timestamptz,
      next_deadline        timestamptz,
      remedies_count       integer NOT NULL DEFAULT 0,
      workers_remedied     integer NOT NULL DEFAULT 0,
      remediation_result   text,
      remediation_assessment text,
      remediation_recorded_at timestamptz,
      verified_by          text,
      verification_method  text,
      verification_ref     text,
      verified_at          timestamptz,
      termination_declined_reasons text,
      termination_declined_at timestamptz,
      dismissal_reasons    text,
      dismissed_by         text,
      dismissed_at         timestamptz,
      closure_reasons      text,
      closed_by            text,
      closed_at            timestamptz,
      state                json NOT NULL,
      revision             bigint NOT NULL,
      recorded_at          timestamptz NOT NULL,
      updated_at           timestamptz NOT NULL,
      search               tsvector GENERATED ALWAYS AS (${searchDocument('description', 'standard_breached')}) STORED,
      PRIMARY KEY (organisation_id, finding_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_findings_search ON rm_findings USING gin (search)',
    'CREATE INDEX IF NOT EXISTS rm_findings_factory ON rm_findings (factory_id, recorded_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_findings_list ON rm_findings (organisation_id, recorded_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_findings_plans ON rm_findings (organisation_id, contractor_id, next_deadline)',
    `CREATE TABLE IF NOT EXISTS rm_remedies (
      organisation_id text NOT NULL,
      finding_id      text NOT NULL,
      remedy_id       text NOT NULL,
      factory_id      text,
      case_id         text,
      contractor_id   text,
      kind            text NOT NULL,
      workers_covered integer NOT NULL,
      amount          numeric,
      currency        text,
      description     text NOT NULL,
      recorded_by     text NOT NULL,
      recorded_at     timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, finding_id, remedy_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_remedies_list ON rm_remedies (organisation_id, recorded_at DESC)',
  ],
  tables: ['rm_findings', 'rm_remedies'],
  eventTypes: new Set<string>(findingEventTypes),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    const owner = ownedBy('finding', recorded);
    if (!event || !owner) return;
    const { organisationId, id: findingId } = owner;
    const at = event.metadata.recordedAt;
    const [row] = await tx.query<{
      state: FindingState;
      revision: string;
      factory_id: string | null;
      case_id: string | null;
      contractor_id: string | null;
    }>(
      `SELECT state, revision, factory_id, case_id, contractor_id FROM rm_findings
        WHERE organisation_id = $1 AND finding_id = $2`,
      [organisationId, findingId],
    );
    // Redelivered (or older than what the row holds): already applied.
    if (row && Number(row.revision) >= event.revision) return;
    const state = foldHistory({ initialState: () => row?.state ?? finding.initialState(), evolve: finding.evolve }, [
      recorded,
    ]);
    if (event.type === 'FindingRecorded') {
      const d = event.data;
      await tx.query(
        `INSERT INTO rm_findings (finding_id, organisation_id, factory_id, shareable, case_id, source, severity,
           standard_breached, workers_affected, description, status, recorded_by, evidence_count, state, revision,
           recorded_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::json, $15, $16, $16)
         ON CONFLICT (organisation_id, finding_id) DO NOTHING`,
        [
          findingId,
          organisationId,
          d.factoryId ?? null,
          d.shareableWithOtherBuyers,
          d.caseId ?? null,
          d.source,
          d.severity,
          d.standardBreached,
          d.workersAffected,
          d.description,
          state.status,
          d.recordedBy,
          d.evidenceRefs.length,
          JSON.stringify(state),
          event.revision,
          d.recordedAt,
        ],
      );
      return;
    }
    if (!row) return;
    const fields: Record<string, unknown> = {};
    switch (event.type) {
      case 'FindingEvidenceAdded':
        fields.evidence_count = state.status === 'not_recorded' ? 0 : state.evidenceRefs.length;
        break;
      case 'BreachConfirmed': {
        const d = event.data;
        Object.assign(fields, {
          case_id: d.caseId,
          contractor_id: d.contractorId,
          breach_reasons: d.reasons,
          confirmed_by: d.confirmedBy,
          confirmed_at: d.confirmedAt,
        });
        break;
      }
      case 'CorrectiveActionPlanRequested': {
        const d = event.data;
        Object.assign(fields, {
          plan_status: 'requested',
          plan_requested_at: d.requestedAt,
          plan_due_by: d.dueBy,
          plan_submitted_at: null,
          plan_submitted_by: null,
          next_deadline: d.dueBy,
        });
        break;
      }
      case 'CorrectiveActionPlanSubmitted': {
        const d = event.data;
        Object.assign(fields, {
          plan_status: 'submitted',
          plan_submitted_at: d.submittedAt,
          plan_submitted_by: d.submittedBy,
        });
        break;
      }
      case 'CorrectiveActionPlanOverdue':
        fields.plan_status = 'overdue';
        break;
      case 'CorrectiveActionPlanAgreed': {
        const d = event.data;
        Object.assign(fields, {
          plan_status: 'agreed',
          plan_id: d.planId,
          plan_agreed_at: d.agreedAt,
          plan_deadline: d.deadline,
          next_deadline: d.deadline,
        });
        break;
      }
      case 'CorrectiveActionDeadlineMissed':
        fields.plan_status = 'deadline_missed';
        break;
      case 'RemedyToWorkersRecorded': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_remedies (organisation_id, finding_id, remedy_id, factory_id, case_id, contractor_id, kind,
             workers_covered, amount, currency, description, recorded_by, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (organisation_id, finding_id, remedy_id) DO NOTHING`,
          [
            organisationId,
            findingId,
            d.remedyId,
            row.factory_id,
            row.case_id,
            row.contractor_id,
            d.kind,
            d.workersCovered,
            d.amount ?? null,
            d.currency ?? null,
            d.description,
            event.metadata.actor.id,
            d.recordedAt,
          ],
        );
        const remedies = state.status === 'not_recorded' ? [] : state.remedies;
        Object.assign(fields, {
          remedies_count: remedies.length,
          workers_remedied: remedies.reduce((sum, remedy) => sum + remedy.workersCovered, 0),
        });
        break;
      }
      case 'RemediationResultRecorded': {
        const d = event.data;
        Object.assign(fields, {
          plan_status: 'result_recorded',
          remediation_result: d.result,
          remediation_assessment: d.assessment,
          remediation_recorded_at: d.recordedAt,
          next_deadline: null,
        });
        break;
      }
      case 'RemediationVerified': {
        const d = event.data;
        Object.assign(fields, {
          verified_by: d.verifiedBy,
          verification_method: d.method,
          verification_ref: d.verificationRef,
          verified_at: d.verifiedAt,
          next_deadline: null,
        });
        break;
      }
      case 'TerminationProposalDeclined': {
        const d = event.data;
        Object.assign(fields, { termination_declined_reasons: d.reasons, termination_declined_at: d.decidedAt });
        break;
      }
      case 'FindingDismissed': {
        const d = event.data;
        Object.assign(fields, {
          dismissal_reasons: d.reasons,
          dismissed_by: d.dismissedBy,
          dismissed_at: d.dismissedAt,
        });
        break;
      }
      case 'BreachClosed': {
        const d = event.data;
        Object.assign(fields, {
          closure_reasons: d.reasons,
          closed_by: d.closedBy,
          closed_at: d.closedAt,
          next_deadline: null,
        });
        break;
      }
    }
    const findingRow: GuardedRow = {
      table: 'rm_findings',
      key: { organisation_id: organisationId, finding_id: findingId },
      revision: event.revision,
    };
    await updateRow(tx, findingRow, { ...fields, status: state.status, state: JSON.stringify(state) }, at);
  },
};
