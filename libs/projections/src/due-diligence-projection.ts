import { readEvent } from '@pj/application';
import type { EventType } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { rowBefore, updateRow, type GuardedRow } from './guarded-rows';
import { ownedBy, type Projection } from './projection';

interface CycleRow {
  questionnaire_status: string | null;
  questionnaire_deadline: Date | string | null;
}

interface ContractRow {
  contract_id: string;
  supplier_id: string;
  compliance_plans_required: string[];
  compliance_plans_submitted: { factoryId: string }[];
}

/**
 * Due diligence under a case's contract, from the case's stream, for the buyer and for the
 * supplier that owes it: one row per contract (its supplier, current year, and the factories'
 * compliance plans: due by, submitted, overdue), one per contract year (the cycle: disclosure,
 * questionnaire, desk review, independent audit, disclosure ratchet) and one per questionnaire
 * (deadline, reminders, answer or the supplier's silence).
 */
export const dueDiligenceProjection: Projection = {
  name: 'due-diligence',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_due_diligence_contracts (
      organisation_id            text NOT NULL,
      case_id                    text NOT NULL,
      contract_id                text NOT NULL,
      supplier_id                text NOT NULL,
      current_year               integer NOT NULL,
      compliance_plans_due_by    timestamptz,
      compliance_plans_required  json NOT NULL,
      compliance_plans_submitted json NOT NULL,
      compliance_plans_overdue   json NOT NULL,
      signed_at                  timestamptz NOT NULL,
      revision                   bigint NOT NULL,
      updated_at                 timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, case_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_due_diligence_contracts_supplier ON rm_due_diligence_contracts (organisation_id, supplier_id, signed_at DESC)',
    `CREATE TABLE IF NOT EXISTS rm_due_diligence_cycles (
      organisation_id        text NOT NULL,
      case_id                text NOT NULL,
      contract_year          integer NOT NULL,
      contract_id            text NOT NULL,
      supplier_id            text NOT NULL,
      stage                  text NOT NULL,
      required_disclosure_share_percent numeric,
      disclosed_share_percent numeric,
      disclosure_meets_requirement boolean,
      disclosed_at           timestamptz,
      questionnaire_id       text,
      questionnaire_status   text,
      questionnaire_deadline timestamptz,
      risk_level             text,
      audit_reasons          json,
      severe_finding_ids     json,
      desk_reviewed_at       timestamptz,
      audit_id               text,
      audit_method           text,
      audit_requested_at     timestamptz,
      next_year_required_share_percent numeric,
      ratchet_checked_at     timestamptz,
      next_deadline          timestamptz,
      began_at               timestamptz NOT NULL,
      revision               bigint NOT NULL,
      updated_at             timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, case_id, contract_year)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_due_diligence_cycles_list ON rm_due_diligence_cycles (organisation_id, began_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_due_diligence_cycles_supplier ON rm_due_diligence_cycles (organisation_id, supplier_id, next_deadline)',
    `CREATE TABLE IF NOT EXISTS rm_questionnaires (
      organisation_id   text NOT NULL,
      case_id           text NOT NULL,
      questionnaire_id  text NOT NULL,
      contract_year     integer NOT NULL,
      contract_id       text,
      supplier_id       text NOT NULL,
      status            text NOT NULL,
      deadline          timestamptz NOT NULL,
      reminders_due_at  json NOT NULL,
      reminders_sent    integer NOT NULL DEFAULT 0,
      last_reminder_at  timestamptz,
      answers           json,
      answered_by       text,
      answered_on_time  boolean,
      answered_at       timestamptz,
      escalated_at      timestamptz,
      issued_at         timestamptz NOT NULL,
      revision          bigint NOT NULL,
      updated_at        timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, case_id, questionnaire_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_questionnaires_list ON rm_questionnaires (organisation_id, issued_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_questionnaires_supplier ON rm_questionnaires (organisation_id, supplier_id, deadline)',
  ],
  tables: ['rm_due_diligence_contracts', 'rm_due_diligence_cycles', 'rm_questionnaires'],
  eventTypes: new Set<EventType>([
    'ContractSigned',
    'ContractYearBegan',
    'CompliancePlansDue',
    'CompliancePlanSubmitted',
    'CompliancePlansOverdue',
    'SupplyChainDisclosed',
    'QuestionnaireIssued',
    'QuestionnaireReminderSent',
    'QuestionnaireAnswered',
    'SupplierSilenceEscalated',
    'DeskReviewCompleted',
    'IndependentAuditRequested',
    'DisclosureRatchetChecked',
  ]),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    const owner = ownedBy('procurementCase', recorded);
    if (!event || !owner) return;
    const { organisationId, id: caseId } = owner;
    const at = event.metadata.recordedAt;
    const { revision } = event;
    const contract: GuardedRow = {
      table: 'rm_due_diligence_contracts',
      key: { organisation_id: organisationId, case_id: caseId },
      revision,
    };
    const cycle = (contractYear: number): GuardedRow => ({
      table: 'rm_due_diligence_cycles',
      key: { organisation_id: organisationId, case_id: caseId, contract_year: contractYear },
      revision,
    });
    const questionnaire = (questionnaireId: string): GuardedRow => ({
      table: 'rm_questionnaires',
      key: { organisation_id: organisationId, case_id: caseId, questionnaire_id: questionnaireId },
      revision,
    });
    const contractRow = () =>
      rowBefore<ContractRow>(
        tx,
        contract,
        'contract_id, supplier_id, compliance_plans_required, compliance_plans_submitted',
      );
    const beginCycle = (
      row: Pick<ContractRow, 'contract_id' | 'supplier_id'>,
      contractYear: number,
      beganAt: string,
      requiredShare: number | null,
    ) =>
      tx.query(
        `INSERT INTO rm_due_diligence_cycles (organisation_id, case_id, contract_year, contract_id, supplier_id, stage,
           required_disclosure_share_percent, began_at, revision, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'began', $6, $7, $8, $7)
         ON CONFLICT (organisation_id, case_id, contract_year) DO NOTHING`,
        [organisationId, caseId, contractYear, row.contract_id, row.supplier_id, requiredShare, beganAt, revision],
      );
    // The questionnaire's deadline while it waits for an answer: what the supplier must meet next.
    const setCycle = async (contractYear: number, fields: Record<string, unknown>) => {
      const before = await rowBefore<CycleRow>(tx, cycle(contractYear), 'questionnaire_status, questionnaire_deadline');
      if (!before) return;
      const after = { ...before, ...fields } as CycleRow;
      const waiting = after.questionnaire_status === 'issued' || after.questionnaire_status === 'supplier_silent';
      await updateRow(
        tx,
        cycle(contractYear),
        { ...fields, next_deadline: waiting ? after.questionnaire_deadline : null },
        at,
      );
    };

    switch (event.type) {
      case 'ContractSigned': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_due_diligence_contracts (organisation_id, case_id, contract_id, supplier_id, current_year,
             compliance_plans_required, compliance_plans_submitted, compliance_plans_overdue, signed_at, revision, updated_at)
           VALUES ($1, $2, $3, $4, 1, '[]', '[]', '[]', $5, $6, $5)
           ON CONFLICT (organisation_id, case_id) DO NOTHING`,
          [organisationId, caseId, d.contractId, d.supplierId, d.signedAt, revision],
        );
        // The contract's first year begins at its signature.
        await beginCycle({ contract_id: d.contractId, supplier_id: d.supplierId }, 1, d.signedAt, null);
        return;
      }
      case 'ContractYearBegan': {
        const d = event.data;
        const row = await contractRow();
        if (!row) return;
        await updateRow(tx, contract, { current_year: d.contractYear }, at);
        await beginCycle(row, d.contractYear, d.beganAt, d.requiredDisclosureSharePercent);
        return;
      }
      case 'CompliancePlansDue': {
        const d = event.data;
        return updateRow(
          tx,
          contract,
          { compliance_plans_due_by: d.dueBy, compliance_plans_required: JSON.stringify(d.factoryIds) },
          at,
        );
      }
      case 'CompliancePlanSubmitted': {
        const { factoryId, planRef, contractYear, onTime, submittedAt } = event.data;
        const row = await contractRow();
        if (!row) return;
        return updateRow(
          tx,
          contract,
          {
            compliance_plans_submitted: JSON.stringify([
              ...row.compliance_plans_submitted,
              { factoryId, planRef, contractYear, onTime, submittedAt },
            ]),
          },
          at,
        );
      }
      case 'CompliancePlansOverdue':
        return updateRow(tx, contract, { compliance_plans_overdue: JSON.stringify(event.data.factoryIds) }, at);
      case 'SupplyChainDisclosed': {
        const d = event.data;
        return setCycle(d.contractYear, {
          required_disclosure_share_percent: d.requiredSharePercent,
          disclosed_share_percent: d.disclosedSharePercent,
          disclosure_meets_requirement: d.meetsRequirement,
          disclosed_at: d.disclosedAt,
        });
      }
      case 'QuestionnaireIssued': {
        const d = event.data;
        const [row] = await tx.query<{ contract_id: string }>(
          'SELECT contract_id FROM rm_due_diligence_contracts WHERE organisation_id = $1 AND case_id = $2',
          [organisationId, caseId],
        );
        await tx.query(
          `INSERT INTO rm_questionnaires (organisation_id, case_id, questionnaire_id, contract_year, contract_id,
             supplier_id, status, deadline, reminders_due_at, issued_at, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'issued', $7, $8::json, $9, $10, $9)
           ON CONFLICT (organisation_id, case_id, questionnaire_id) DO NOTHING`,
          [
            organisationId,
            caseId,
            d.questionnaireId,
            d.contractYear,
            row?.contract_id ?? null,
            d.supplierId,
            d.deadline,
            JSON.stringify(d.remindersDueAt),
            d.issuedAt,
            revision,
          ],
        );
        return setCycle(d.contractYear, {
          stage: 'questionnaire_issued',
          questionnaire_id: d.questionnaireId,
          questionnaire_status: 'issued',
          questionnaire_deadline: d.deadline,
        });
      }
      case 'QuestionnaireReminderSent': {
        const d = event.data;
        return updateRow(
          tx,
          questionnaire(d.questionnaireId),
          { reminders_sent: d.reminderNumber, last_reminder_at: d.sentAt },
          at,
        );
      }
      case 'QuestionnaireAnswered': {
        const d = event.data;
        await updateRow(
          tx,
          questionnaire(d.questionnaireId),
          {
            status: 'answered',
            answers: JSON.stringify(d.answers),
            answered_by: d.answeredBy,
            answered_on_time: d.onTime,
            answered_at: d.answeredAt,
          },
          at,
        );
        return setCycle(d.contractYear, { stage: 'questionnaire_answered', questionnaire_status: 'answered' });
      }
      case 'SupplierSilenceEscalated': {
        const d = event.data;
        await updateRow(
          tx,
          questionnaire(d.questionnaireId),
          { status: 'supplier_silent', reminders_sent: d.remindersSent, escalated_at: d.escalatedAt },
          at,
        );
        return setCycle(d.contractYear, { stage: 'supplier_silent', questionnaire_status: 'supplier_silent' });
      }
      case 'DeskReviewCompleted': {
        const d = event.data;
        return setCycle(d.contractYear, {
          stage: 'desk_reviewed',
          risk_level: d.riskLevel,
          audit_reasons: JSON.stringify(d.auditReasons),
          severe_finding_ids: JSON.stringify(d.severeFindingIds),
          desk_reviewed_at: d.completedAt,
        });
      }
      case 'IndependentAuditRequested': {
        const d = event.data;
        return setCycle(d.contractYear, {
          stage: 'audit_requested',
          audit_id: d.auditId,
          audit_method: d.method,
          audit_requested_at: d.requestedAt,
        });
      }
      case 'DisclosureRatchetChecked': {
        const d = event.data;
        return setCycle(d.contractYear, {
          next_year_required_share_percent: d.nextYearRequiredSharePercent,
          ratchet_checked_at: d.checkedAt,
        });
      }
    }
  },
};
