import { readEvent } from '@pj/application';
import type { EventType } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { updateRow, type GuardedRow } from './guarded-rows';
import { ownedBy, type Projection } from './projection';

/**
 * Requests for documents under a case's contract, from the case's stream: what was asked of the
 * contractor by when, and where it stands (requested, disclosed, unanswered at the deadline). The
 * documents disclosed are kept with their `confidential` mark; the API shows them to compliance
 * officers and auditors only when disclosed under a non-disclosure agreement.
 */
export const documentRequestProjection: Projection = {
  name: 'document-requests',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_document_requests (
      organisation_id     text NOT NULL,
      case_id             text NOT NULL,
      request_id          text NOT NULL,
      contract_id         text NOT NULL,
      supplier_id         text NOT NULL,
      requested_documents json NOT NULL,
      deadline            timestamptz NOT NULL,
      status              text NOT NULL,
      requested_by        text NOT NULL,
      requested_at        timestamptz NOT NULL,
      confidential        boolean,
      documents           json,
      disclosed_by        text,
      disclosed_at        timestamptz,
      on_time             boolean,
      unanswered_at       timestamptz,
      revision            bigint NOT NULL,
      updated_at          timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, case_id, request_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_document_requests_list ON rm_document_requests (organisation_id, requested_at DESC)',
  ],
  tables: ['rm_document_requests'],
  eventTypes: new Set<EventType>(['DocumentsRequested', 'RequestedDocumentsDisclosed', 'DocumentRequestUnanswered']),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    const owner = ownedBy('procurementCase', recorded);
    if (!event || !owner || !('requestId' in event.data)) return;
    const { organisationId, id: caseId } = owner;
    const row: GuardedRow = {
      table: 'rm_document_requests',
      key: { organisation_id: organisationId, case_id: caseId, request_id: event.data.requestId },
      revision: event.revision,
    };
    const set = (fields: Record<string, unknown>) => updateRow(tx, row, fields, event.metadata.recordedAt);
    switch (event.type) {
      case 'DocumentsRequested': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_document_requests (organisation_id, case_id, request_id, contract_id, supplier_id,
             requested_documents, deadline, status, requested_by, requested_at, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::json, $7, 'requested', $8, $9, $10, $9)
           ON CONFLICT (organisation_id, case_id, request_id) DO NOTHING`,
          [
            organisationId,
            caseId,
            d.requestId,
            d.contractId,
            d.supplierId,
            JSON.stringify(d.documents),
            d.deadline,
            d.requestedBy,
            d.requestedAt,
            event.revision,
          ],
        );
        return;
      }
      case 'RequestedDocumentsDisclosed': {
        const d = event.data;
        return set({
          status: 'disclosed',
          confidential: d.confidential,
          documents: JSON.stringify(d.documents),
          disclosed_by: d.disclosedBy,
          disclosed_at: d.disclosedAt,
          on_time: d.onTime,
        });
      }
      case 'DocumentRequestUnanswered':
        return set({ status: 'unanswered', unanswered_at: event.data.recordedAt });
    }
  },
};
