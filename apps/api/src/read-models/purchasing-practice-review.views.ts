import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { ListParams, PageOf } from './lists/list-params';
import { defineList, instant, json, text } from './lists/list-spec';

const REVIEW_STATUSES = ['open', 'concluded'] as const;
const PRACTICES = ['price', 'lead_time', 'payment_terms', 'order_changes'];

export class PracticeLinkView {
  @ApiProperty({ example: 'danwatch-f-shenzhen-1' }) findingId!: string;
  @ApiProperty({ enum: PRACTICES, example: 'lead_time' }) practice!: string;
  @ApiProperty({ example: 'overtime peaks in the three weeks before each delivery date' }) observation!: string;
  @ApiProperty({ example: '2026-05-02T09:00:00.000Z' }) linkedAt!: string;
}

export class PracticeAdjustmentView {
  @ApiProperty({ example: 'lead-time-2026' }) adjustmentId!: string;
  @ApiProperty({ enum: PRACTICES, example: 'lead_time' }) practice!: string;
  @ApiProperty({ example: '3 weeks' }) before!: string;
  @ApiProperty({ example: '6 weeks' }) after!: string;
  @ApiProperty({ example: 'short lead times caused the overtime' }) reasons!: string;
  @ApiProperty({ example: 'dev-contract-manager' }) adjustedBy!: string;
  @ApiProperty({ example: '2026-05-10T09:00:00.000Z' }) adjustedAt!: string;
}

/** A review of the buyer's own purchasing practices against findings. */
export class PurchasingPracticeReviewView {
  @ApiProperty({ example: 'review-2026-lead-times' }) reviewId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'lead times of the laptop framework' }) scope!: string;
  @ApiProperty({ example: ['danwatch-f-shenzhen-1'] }) findingIds!: string[];
  @ApiProperty({ type: [PracticeLinkView] }) links!: PracticeLinkView[];
  @ApiProperty({ type: [PracticeAdjustmentView] }) adjustments!: PracticeAdjustmentView[];
  @ApiProperty({ enum: PRACTICES, isArray: true, example: ['lead_time'] }) linkedPractices!: string[];
  @ApiProperty({ enum: PRACTICES, isArray: true, example: ['lead_time'] }) adjustedPractices!: string[];
  @ApiProperty({ enum: REVIEW_STATUSES, example: 'concluded' }) status!: string;
  @ApiPropertyOptional({ example: 'lead times doubled for the next order round', nullable: true, type: String })
  conclusion!: string | null;
  @ApiPropertyOptional({
    description: 'Why a linked practice was left unchanged, by practice',
    example: { price: 'prices were renegotiated last year' },
    nullable: true,
    type: Object,
  })
  reasonsNotAdjusted!: Record<string, string> | null;
  @ApiProperty({ example: 'dev-contract-manager' }) openedBy!: string;
  @ApiProperty({ example: '2026-05-01T09:00:00.000Z' }) openedAt!: string;
  @ApiPropertyOptional({ example: '2026-05-20T09:00:00.000Z', nullable: true, type: String }) concludedAt!:
    string | null;
  @ApiProperty({ example: '2026-05-20T09:00:00.000Z' }) updatedAt!: string;
}

/** The organisation's purchasing-practice reviews, newest first: buyers only. */
export const reviewList = defineList<PurchasingPracticeReviewView, { status?: string; caseId?: string }>({
  name: 'purchasing-practice-reviews',
  from: 'rm_purchasing_practice_reviews p',
  scope: { organisationColumn: 'p.organisation_id' },
  fields: {
    reviewId: text('p.review_id'),
    caseId: text('p.case_id'),
    scope: text('p.scope'),
    findingIds: json('p.finding_ids'),
    links: json('p.links'),
    adjustments: json('p.adjustments'),
    linkedPractices: json('p.linked_practices'),
    adjustedPractices: json('p.adjusted_practices'),
    status: text('p.status'),
    conclusion: text('p.conclusion', { nullable: true }),
    reasonsNotAdjusted: json('p.reasons_not_adjusted'),
    openedBy: text('p.opened_by'),
    openedAt: instant('p.opened_at'),
    concludedAt: instant('p.concluded_at', { nullable: true }),
    updatedAt: instant('p.updated_at'),
  },
  id: 'reviewId',
  sorts: ['openedAt', 'concludedAt'],
  defaultSort: '-openedAt',
  where: ({ status, caseId }, bind) => [
    status && `p.status = ${bind(status)}`,
    caseId && `p.case_id = ${bind(caseId)}`,
  ],
});

export class ListReviewsParams extends ListParams(reviewList) {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Only reviews of this case', example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' })
  @IsOptional()
  @IsString()
  caseId?: string;
}

export class PurchasingPracticeReviewPage extends PageOf(PurchasingPracticeReviewView) {}
