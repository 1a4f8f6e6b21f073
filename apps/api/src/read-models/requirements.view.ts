import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The tender as published to every bidder: what a bid and the contract must meet, and the bid deadline. */
export class TenderRequirements {
  @ApiProperty({ example: 'SCC-IT-2026-01' }) tenderRef!: string;
  @ApiProperty({ example: 'SEK' }) currency!: string;
  @ApiProperty({ description: 'Bids are taken until then', example: '2026-03-31T12:00:00.000Z' }) bidDeadline!: string;
  @ApiProperty({
    description: 'Share of the supply chain a bid must disclose, and its rise each contract year',
    example: { sharePercentAtBid: 60, yearlyStepPercentPoints: 10 },
  })
  disclosure!: { sharePercentAtBid: number; yearlyStepPercentPoints: number };
  @ApiProperty({
    description: 'Factories from this annual purchase need a compliance plan by the end of that contract year',
    example: { annualPurchaseThreshold: 25000, dueByEndOfContractYear: 1 },
  })
  compliancePlans!: { annualPurchaseThreshold: number; dueByEndOfContractYear: number };
  @ApiProperty({
    example: [
      { clauseId: 'factory-disclosure', kind: 'necessary_step', description: 'disclose factory names and addresses' },
      { clauseId: 'hours', kind: 'kpi', description: 'share of workers within legal working hours' },
    ],
  })
  performanceClauses!: unknown[];
  @ApiProperty({
    example: [
      { criterionId: 'price', kind: 'price', description: 'price', weight: 60 },
      { criterionId: 'social', kind: 'social', description: 'supply-chain transparency', weight: 40 },
    ],
  })
  awardCriteria!: unknown[];
  @ApiProperty({ example: { electronicNoticeDays: 10, otherNoticeDays: 15 } }) legalStandstill!: object;
  @ApiProperty({
    description: 'The yearly questionnaire: days to answer, reminders; the independent audit’s method',
    example: { questionnaireResponseDays: 30, questionnaireReminderDays: [14, 25], independentAuditMethod: 'on_site' },
  })
  dueDiligence!: object;
}

/** The award decision as notified to the bidders, with the end of the legal standstill. */
export class AwardNotice {
  @ApiProperty({ example: 'award-1' }) awardId!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ example: '2026-04-02T09:00:00.000Z' }) notifiedAt!: string;
  @ApiProperty({ example: '2026-04-12T22:00:00.000Z' }) standstillEndsAt!: string;
  @ApiProperty({ example: false }) standstillEnded!: boolean;
}

/** The signed contract, for the buyer and its supplier: the year it is in and what that year asks. */
export class ContractTerms {
  @ApiProperty({ example: 'scc-dell-2026' }) contractId!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ example: '2026-04-14T09:00:00.000Z' }) signedAt!: string;
  @ApiProperty({ example: 1 }) contractYear!: number;
  @ApiProperty({ example: '2026-04-14T09:00:00.000Z' }) contractYearBeganAt!: string;
  @ApiProperty({ description: 'Share of the supply chain this year’s disclosure must reach', example: 60 })
  requiredDisclosureSharePercent!: number;
}

/**
 * What a case asks of its suppliers: the published tender, the award notice and, for the buyer and
 * the contract's supplier, the contract's terms. Never other bids, scores, complaints, the risk
 * screening or the buyer's findings.
 */
export class CaseRequirements {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'Computers and displays for county hospitals 2026–2030' }) title!: string;
  @ApiProperty({ example: 'tendering' }) phase!: string;
  @ApiProperty({ example: 'electronics' }) productCategory!: string;
  @ApiProperty({ example: ['CN', 'MY'] }) countriesOfProduction!: string[];
  @ApiPropertyOptional({
    description: 'The code of conduct bidders accept',
    example: 'scc-code-of-conduct-2012',
    nullable: true,
    type: String,
  })
  policyRef!: string | null;
  @ApiPropertyOptional({ type: TenderRequirements, nullable: true, description: 'Null until published' })
  tender!: TenderRequirements | null;
  @ApiPropertyOptional({ type: AwardNotice, nullable: true, description: 'Null until an award is notified' })
  award!: AwardNotice | null;
  @ApiPropertyOptional({
    type: ContractTerms,
    nullable: true,
    description: 'Null until signed, and for a supplier that does not hold the contract',
  })
  contract!: ContractTerms | null;
  @ApiProperty({ description: 'Revision of the case: pass it as If-Match to act on this state', example: 12 })
  revision!: number;
}
