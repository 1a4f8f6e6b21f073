import { readEvent } from '@pj/application';
import type { ComplaintStatus, EventType } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { updateRow, type GuardedRow } from './guarded-rows';
import { ownedBy, type Projection } from './projection';
import { searchDocument } from './search';

/**
 * Complaints against a case's award decision (or its evaluation), from the case's stream: the
 * complainant, grounds, the award it concerns, where it stands, and its effect on the legal
 * standstill: while it is pending it holds back the signature of the award it names, and an
 * upheld one may cancel that award.
 */
export const complaintProjection: Projection = {
  name: 'complaints',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_complaints (
      organisation_id   text NOT NULL,
      case_id           text NOT NULL,
      complaint_id      text NOT NULL,
      complainant       text NOT NULL,
      grounds           text NOT NULL,
      award_id          text,
      status            text NOT NULL,
      holds_signature   boolean NOT NULL,
      award_cancelled   boolean NOT NULL DEFAULT false,
      decision_reasons  text,
      submitted_at      timestamptz NOT NULL,
      accepted_at       timestamptz,
      decided_at        timestamptz,
      revision          bigint NOT NULL,
      updated_at        timestamptz NOT NULL,
      search            tsvector GENERATED ALWAYS AS (${searchDocument('complainant', 'grounds')}) STORED,
      PRIMARY KEY (organisation_id, case_id, complaint_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_complaints_list ON rm_complaints (organisation_id, submitted_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_complaints_search ON rm_complaints USING gin (search)',
  ],
  tables: ['rm_complaints'],
  eventTypes: new Set<EventType>([
    'ComplaintSubmitted',
    'ComplaintAccepted',
    'ComplaintUpheld',
    'ComplaintDismissed',
    'ComplaintWithdrawn',
    'AwardCancelled',
  ]),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    const owner = ownedBy('procurementCase', recorded);
    if (!event || !owner || !('complaintId' in event.data)) return;
    const { organisationId, id: caseId } = owner;
    const complaint: GuardedRow = {
      table: 'rm_complaints',
      key: { organisation_id: organisationId, case_id: caseId, complaint_id: event.data.complaintId },
      revision: event.revision,
    };
    const set = (fields: Record<string, unknown>) => updateRow(tx, complaint, fields, event.metadata.recordedAt);
    const decided = (status: ComplaintStatus, decidedAt: string, reasons: string | null) =>
      set({ status, holds_signature: false, decided_at: decidedAt, decision_reasons: reasons });
    switch (event.type) {
      case 'ComplaintSubmitted': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_complaints (organisation_id, case_id, complaint_id, complainant, grounds, award_id, status,
             holds_signature, submitted_at, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $9, $8)
           ON CONFLICT (organisation_id, case_id, complaint_id) DO NOTHING`,
          [
            organisationId,
            caseId,
            d.complaintId,
            d.complainant,
            d.grounds,
            d.awardId ?? null,
            d.awardId !== undefined,
            d.submittedAt,
            event.revision,
          ],
        );
        return;
      }
      case 'ComplaintAccepted':
        return set({ status: 'accepted', accepted_at: event.data.acceptedAt });
      case 'ComplaintUpheld':
        return decided('upheld', event.data.upheldAt, event.data.reasons);
      case 'ComplaintDismissed':
        return decided('dismissed', event.data.dismissedAt, event.data.reasons);
      case 'ComplaintWithdrawn':
        return decided('withdrawn', event.data.withdrawnAt, null);
      case 'AwardCancelled':
        return set({ award_cancelled: true });
    }
  },
};
