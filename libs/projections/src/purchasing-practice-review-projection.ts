import { readEvent } from '@pj/application';
import { purchasingPracticeReviewEventTypes } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { rowBefore, updateRow, type GuardedRow } from './guarded-rows';
import { ownedBy, type Projection } from './projection';

/**
 * The buyer's reviews of its own purchasing practices: the findings under review, each link of a
 * finding to a practice (with the observation), each adjustment (before, after, why), and the
 * conclusion with the reasons a linked practice was left unchanged.
 */
export const purchasingPracticeReviewProjection: Projection = {
  name: 'purchasing-practice-reviews',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_purchasing_practice_reviews (
      organisation_id     text NOT NULL,
      review_id           text NOT NULL,
      case_id             text NOT NULL,
      scope               text NOT NULL,
      finding_ids         json NOT NULL,
      links               json NOT NULL,
      adjustments         json NOT NULL,
      linked_practices    json NOT NULL,
      adjusted_practices  json NOT NULL,
      status              text NOT NULL,
      conclusion          text,
      reasons_not_adjusted json,
      opened_by           text NOT NULL,
      opened_at           timestamptz NOT NULL,
      concluded_at        timestamptz,
      revision            bigint NOT NULL,
      updated_at          timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, review_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_purchasing_practice_reviews_list ON rm_purchasing_practice_reviews (organisation_id, opened_at DESC)',
  ],
  tables: ['rm_purchasing_practice_reviews'],
  eventTypes: new Set<string>(purchasingPracticeReviewEventTypes),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    const owner = ownedBy('purchasingPracticeReview', recorded);
    if (!event || !owner) return;
    const { organisationId, id: reviewId } = owner;
    const at = event.metadata.recordedAt;
    if (event.type === 'PurchasingPracticeReviewOpened') {
      const d = event.data;
      await tx.query(
        `INSERT INTO rm_purchasing_practice_reviews (review_id, organisation_id, case_id, scope, finding_ids, links,
           adjustments, linked_practices, adjusted_practices, status, opened_by, opened_at, revision, updated_at)
         VALUES ($1, $2, $3, $4, $5::json, '[]', '[]', '[]', '[]', 'open', $6, $7, $8, $7)
         ON CONFLICT (organisation_id, review_id) DO NOTHING`,
        [
          reviewId,
          organisationId,
          d.caseId,
          d.scope,
          JSON.stringify(d.findingIds),
          event.metadata.actor.id,
          d.openedAt,
          event.revision,
        ],
      );
      return;
    }
    const review: GuardedRow = {
      table: 'rm_purchasing_practice_reviews',
      key: { organisation_id: organisationId, review_id: reviewId },
      revision: event.revision,
    };
    const row = await rowBefore<{
      links: unknown[];
      adjustments: unknown[];
      linked_practices: string[];
      adjusted_practices: string[];
    }>(tx, review, 'links, adjustments, linked_practices, adjusted_practices');
    // No row: redelivered, or of a review never opened.
    if (!row) return;
    const fields: Record<string, unknown> = {};
    const withPractice = (practices: string[], practice: string) =>
      JSON.stringify(practices.includes(practice) ? practices : [...practices, practice]);
    switch (event.type) {
      case 'FindingLinkedToPurchasingPractice': {
        const { reviewId: _review, ...link } = event.data;
        fields.links = JSON.stringify([...row.links, link]);
        fields.linked_practices = withPractice(row.linked_practices, link.practice);
        break;
      }
      case 'PurchasingPracticeAdjusted': {
        const { reviewId: _review, ...adjustment } = event.data;
        fields.adjustments = JSON.stringify([...row.adjustments, adjustment]);
        fields.adjusted_practices = withPractice(row.adjusted_practices, adjustment.practice);
        break;
      }
      case 'PurchasingPracticeReviewConcluded': {
        const d = event.data;
        Object.assign(fields, {
          status: 'concluded',
          conclusion: d.conclusion,
          reasons_not_adjusted: JSON.stringify(d.reasonsNotAdjusted),
          concluded_at: d.concludedAt,
        });
        break;
      }
    }
    await updateRow(tx, review, fields, at);
  },
};
