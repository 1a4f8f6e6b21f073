import { readEvent } from '@pj/application';
import type { EventType } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { ownedBy, type Projection } from './projection';
import { searchDocument } from './search';

/**
 * Grievances of the buyer that took them in, with where each stands. The complainant's name and
 * contact are not copied here: a list of grievances must not become a list of workers.
 */
export const grievanceProjection: Projection = {
  name: 'grievances',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_grievances (
      organisation_id        text NOT NULL,
      grievance_id           text NOT NULL,
      factory_id             text NOT NULL,
      case_id                text,
      channel                text NOT NULL,
      anonymous              boolean NOT NULL,
      allegation             text NOT NULL,
      workers_concerned      integer NOT NULL,
      severity               text NOT NULL,
      status                 text NOT NULL,
      acknowledge_by         timestamptz NOT NULL,
      acknowledged_at        timestamptz,
      acknowledged_late      boolean,
      acknowledgement_overdue boolean NOT NULL DEFAULT false,
      escalation_reason      text,
      retaliation_protected  boolean NOT NULL DEFAULT false,
      retaliation_reports    integer NOT NULL DEFAULT 0,
      finding_id             text,
      resolution             text,
      submitted_at           timestamptz NOT NULL,
      closed_at              timestamptz,
      receipt_digest         text,
      updated_at             timestamptz NOT NULL,
      search                 tsvector GENERATED ALWAYS AS (${searchDocument('allegation')}) STORED,
      PRIMARY KEY (organisation_id, grievance_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_grievances_list ON rm_grievances (organisation_id, status, submitted_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_grievances_search ON rm_grievances USING gin (search)',
    // The worker's status read finds a grievance by its receipt code's digest alone.
    'CREATE UNIQUE INDEX IF NOT EXISTS rm_grievances_receipt ON rm_grievances (receipt_digest) WHERE receipt_digest IS NOT NULL',
  ],
  tables: ['rm_grievances'],
  eventTypes: new Set<EventType>([
    'GrievanceSubmitted',
    'GrievanceAcknowledged',
    'GrievanceAcknowledgementOverdue',
    'GrievanceEscalated',
    'RetaliationProtectionRecorded',
    'RetaliationReported',
    'GrievanceReferredToFinding',
    'GrievanceClosed',
  ]),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    if (!event) return;
    const owner = ownedBy('grievance', event);
    if (!owner) return;
    const { organisationId, id: grievanceId } = owner;
    const at = event.metadata.recordedAt;
    const set = (assignments: string, values: unknown[]) =>
      tx.query(
        `UPDATE rm_grievances SET ${assignments}, updated_at = $2 WHERE organisation_id = $3 AND grievance_id = $1`,
        [grievanceId, at, organisationId, ...values],
      );
    switch (event.type) {
      case 'GrievanceSubmitted': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_grievances (grievance_id, organisation_id, factory_id, case_id, channel, anonymous, allegation,
             workers_concerned, severity, status, acknowledge_by, submitted_at, updated_at, receipt_digest)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted', $10, $11, $11, $12)
           ON CONFLICT (organisation_id, grievance_id) DO NOTHING`,
          [
            grievanceId,
            organisationId,
            d.factoryId,
            d.caseId ?? null,
            d.channel,
            d.anonymous,
            d.allegation,
            d.workersConcerned,
            d.severity,
            d.acknowledgeBy,
            d.submittedAt,
            d.receiptDigest ?? null,
          ],
        );
        return;
      }
      case 'GrievanceAcknowledged': {
        const d = event.data;
        await set(
          `acknowledged_at = $4, acknowledged_late = $5,
           status = CASE WHEN status = 'submitted' THEN 'acknowledged' ELSE status END`,
          [d.acknowledgedAt, d.late],
        );
        return;
      }
      case 'GrievanceAcknowledgementOverdue':
        await set('acknowledgement_overdue = true', []);
        return;
      case 'GrievanceEscalated': {
        const d = event.data;
        await set(
          `escalation_reason = $4, status = CASE WHEN status IN ('submitted', 'acknowledged') THEN 'escalated' ELSE status END`,
          [d.reason],
        );
        return;
      }
      case 'RetaliationProtectionRecorded':
        await set('retaliation_protected = true', []);
        return;
      case 'RetaliationReported':
        await set('retaliation_reports = retaliation_reports + 1', []);
        return;
      case 'GrievanceReferredToFinding': {
        const d = event.data;
        await set(`finding_id = $4, status = 'referred_to_finding'`, [d.findingId]);
        return;
      }
      case 'GrievanceClosed': {
        const d = event.data;
        await set(`status = 'closed', resolution = $4, closed_at = $5`, [d.resolution, d.closedAt]);
        return;
      }
    }
  },
};
