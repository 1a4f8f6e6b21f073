import { readEvent } from '@pj/application';
import type { EventType } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { rowBefore, updateRow, type GuardedRow } from './guarded-rows';
import { ownedBy, type Projection } from './projection';

/** Where a bid stands in its case's tender. */
export type BidStatus = 'submitted' | 'excluded' | 'rejected' | 'evaluated' | 'awarded' | 'contracted';

interface BidLists {
  exclusion_grounds_not_applied: unknown[];
  subcontractor_replacements: { subcontractorId: string }[];
  subcontractor_ids: string[];
}

/**
 * Bids per case, from the case's stream: the supplier, price, disclosed factories, and each
 * decision on the bid (exclusion and the grounds not applied, subcontractor replacements,
 * self-cleaning, abnormally low price, rejection, evaluation scores, award).
 */
export const bidProjection: Projection = {
  name: 'bids',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_bids (
      organisation_id          text NOT NULL,
      case_id                  text NOT NULL,
      bid_id                   text NOT NULL,
      supplier_id              text NOT NULL,
      price                    numeric NOT NULL,
      disclosed_share_percent  numeric NOT NULL,
      factories                json NOT NULL,
      subcontractor_ids        json NOT NULL,
      status                   text NOT NULL,
      excluded                 boolean NOT NULL DEFAULT false,
      exclusion_ground         text,
      exclusion_reasons        text,
      excluded_until           timestamptz,
      excluded_by              text,
      exclusion_grounds_not_applied json NOT NULL,
      subcontractor_replacements json NOT NULL,
      self_cleaning            text,
      self_cleaning_evidence   json,
      self_cleaning_reasons    text,
      low_price_review         text,
      abnormally_low_reasons   text,
      rejection_reason         text,
      rejection_reasons        text,
      total_score              numeric,
      social_score             numeric,
      scores                   json,
      award_id                 text,
      contract_id              text,
      submitted_at             timestamptz NOT NULL,
      revision                 bigint NOT NULL,
      updated_at               timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, case_id, bid_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_bids_list ON rm_bids (organisation_id, submitted_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_bids_supplier ON rm_bids (organisation_id, supplier_id)',
  ],
  tables: ['rm_bids'],
  eventTypes: new Set<EventType>([
    'BidSubmitted',
    'BidderExcluded',
    'ExclusionGroundNotApplied',
    'SubcontractorReplacementRequired',
    'SubcontractorReplaced',
    'SelfCleaningEvidenceSubmitted',
    'SelfCleaningAccepted',
    'SelfCleaningRejected',
    'BidFlaggedAbnormallyLow',
    'LowBidExplanationRequested',
    'LowBidExplanationAccepted',
    'BidRejected',
    'BidEvaluated',
    'AwardDecided',
    'AwardCancelled',
    'ContractSigned',
  ]),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    const owner = ownedBy('procurementCase', recorded);
    if (!event || !owner || !('bidId' in event.data)) return;
    const { organisationId, id: caseId } = owner;
    const at = event.metadata.recordedAt;
    const bid: GuardedRow = {
      table: 'rm_bids',
      key: { organisation_id: organisationId, case_id: caseId, bid_id: event.data.bidId },
      revision: event.revision,
    };
    const set = (fields: Record<string, unknown>) => updateRow(tx, bid, fields, at);
    const lists = () =>
      rowBefore<BidLists>(tx, bid, 'exclusion_grounds_not_applied, subcontractor_replacements, subcontractor_ids');
    switch (event.type) {
      case 'BidSubmitted': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_bids (organisation_id, case_id, bid_id, supplier_id, price, disclosed_share_percent, factories,
             subcontractor_ids, status, exclusion_grounds_not_applied, subcontractor_replacements, submitted_at,
             revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8::json, 'submitted', '[]', '[]', $9, $10, $9)
           ON CONFLICT (organisation_id, case_id, bid_id) DO NOTHING`,
          [
            organisationId,
            caseId,
            d.bidId,
            d.supplierId,
            d.price,
            d.disclosedSharePercent,
            JSON.stringify(d.factories),
            JSON.stringify(d.subcontractorIds),
            d.submittedAt,
            event.revision,
          ],
        );
        return;
      }
      case 'BidderExcluded': {
        const d = event.data;
        return set({
          status: 'excluded',
          excluded: true,
          exclusion_ground: d.ground,
          exclusion_reasons: d.reasons,
          excluded_until: d.excludedUntil,
          excluded_by: d.decidedBy,
        });
      }
      case 'ExclusionGroundNotApplied': {
        const row = await lists();
        if (!row) return;
        const { caseId: _case, bidId: _bid, ...decision } = event.data;
        return set({ exclusion_grounds_not_applied: JSON.stringify([...row.exclusion_grounds_not_applied, decision]) });
      }
      case 'SubcontractorReplacementRequired': {
        const row = await lists();
        if (!row) return;
        const { subcontractorId, ground, reasons, decidedAt } = event.data;
        return set({
          subcontractor_replacements: JSON.stringify([
            ...row.subcontractor_replacements,
            { subcontractorId, ground, reasons, requiredAt: decidedAt },
          ]),
        });
      }
      case 'SubcontractorReplaced': {
        const row = await lists();
        if (!row) return;
        const { subcontractorId, replacementSubcontractorId, replacedAt } = event.data;
        return set({
          subcontractor_replacements: JSON.stringify(
            row.subcontractor_replacements.map((entry) =>
              entry.subcontractorId === subcontractorId ? { ...entry, replacementSubcontractorId, replacedAt } : entry,
            ),
          ),
          subcontractor_ids: JSON.stringify(
            row.subcontractor_ids.map((id) => (id === subcontractorId ? replacementSubcontractorId : id)),
          ),
        });
      }
      case 'SelfCleaningEvidenceSubmitted': {
        const d = event.data;
        return set({
          self_cleaning: 'submitted',
          self_cleaning_evidence: JSON.stringify({ evidence: d.evidence, evidenceRefs: d.evidenceRefs }),
        });
      }
      case 'SelfCleaningAccepted':
        // Accepted self-cleaning lifts the exclusion: the bid is back in the tender.
        return set({
          self_cleaning: 'accepted',
          self_cleaning_reasons: event.data.reasons,
          excluded: false,
          status: 'submitted',
        });
      case 'SelfCleaningRejected':
        return set({ self_cleaning: 'rejected', self_cleaning_reasons: event.data.reasons });
      case 'BidFlaggedAbnormallyLow':
        return set({ low_price_review: 'flagged', abnormally_low_reasons: event.data.reasons });
      case 'LowBidExplanationRequested':
        return set({ low_price_review: 'explanation_requested' });
      case 'LowBidExplanationAccepted':
        return set({ low_price_review: 'explanation_accepted' });
      case 'BidRejected': {
        const d = event.data;
        return set({ status: 'rejected', rejection_reason: d.reason, rejection_reasons: d.reasons });
      }
      case 'BidEvaluated': {
        const d = event.data;
        return set({
          status: 'evaluated',
          total_score: d.totalScore,
          social_score: d.socialScore,
          scores: JSON.stringify(d.scores),
        });
      }
      case 'AwardDecided':
        return set({ status: 'awarded', award_id: event.data.awardId });
      case 'AwardCancelled':
        return set({ status: 'evaluated', award_id: null });
      case 'ContractSigned':
        return set({ status: 'contracted', contract_id: event.data.contractId });
    }
  },
};
