import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { CommandDto } from '../commands/command.dto';

export class DisclosurePolicyDto {
  @ApiProperty({ example: 60 }) @IsNumber() @Min(0) @Max(100) sharePercentAtBid!: number;
  @ApiProperty({ example: 10 }) @IsNumber() @Min(0) yearlyStepPercentPoints!: number;
}

export class CompliancePlanPolicyDto {
  @ApiProperty({ example: 25000 }) @IsNumber() @Min(0) annualPurchaseThreshold!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) dueByEndOfContractYear!: number;
}

export class PerformanceClauseDto {
  @ApiProperty({ example: 'factory-disclosure' }) @IsString() @Length(1, 100) clauseId!: string;
  @ApiProperty({ enum: ['necessary_step', 'kpi'], example: 'necessary_step' })
  @IsIn(['necessary_step', 'kpi'])
  kind!: 'necessary_step' | 'kpi';
  @ApiProperty({ example: 'disclose factory names and addresses' }) @IsString() @Length(1, 1000) description!: string;
}

export class AwardCriterionDto {
  @ApiProperty({ example: 'price' }) @IsString() @Length(1, 100) criterionId!: string;
  @ApiProperty({ enum: ['price', 'quality', 'social'], example: 'price' })
  @IsIn(['price', 'quality', 'social'])
  kind!: 'price' | 'quality' | 'social';
  @ApiProperty({ example: 'price' }) @IsString() @Length(1, 1000) description!: string;
  @ApiProperty({ example: 50 }) @IsNumber() @Min(0) @Max(100) weight!: number;
}

export class LegalStandstillPolicyDto {
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) electronicNoticeDays!: number;
  @ApiProperty({ example: 15 }) @IsInt() @Min(1) otherNoticeDays!: number;
  @ApiPropertyOptional({
    enum: ['calendar_days', 'seconds'],
    description: 'Calendar days unless stated; seconds only for rehearsals and end-to-end runs',
    example: 'calendar_days',
  })
  @IsOptional()
  @IsIn(['calendar_days', 'seconds'])
  periodUnit?: 'calendar_days' | 'seconds';
}

export class DueDiligencePolicyDto {
  @ApiProperty({ example: 30 }) @IsInt() @Min(1) questionnaireResponseDays!: number;
  @ApiProperty({ example: [14, 25] }) @IsArray() @IsInt({ each: true }) questionnaireReminderDays!: number[];
  @ApiProperty({ enum: ['on_site', 'worker_driven'], example: 'worker_driven' })
  @IsIn(['on_site', 'worker_driven'])
  independentAuditMethod!: 'on_site' | 'worker_driven';
}

/** Art. 69: how bids are flagged abnormally low when bidding closes. */
export class AbnormallyLowPricePolicyDto {
  @ApiProperty({
    description: 'A price this many percent below the mean of the other bids is flagged',
    example: 20,
  })
  @IsNumber()
  @Min(0)
  @Max(100)
  percentBelowMeanOfOthers!: number;
  @ApiPropertyOptional({
    description:
      'Statutory minimum wage per hour, tender currency: a labour cost below it for the declared hours is flagged',
    example: 12.41,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  statutoryMinimumHourlyWage?: number;
}

export class PublishTenderDto extends CommandDto {
  @ApiProperty({ example: 'RFP-8510-0-2014' }) @IsString() @Length(1, 100) tenderRef!: string;
  @ApiProperty({ example: 'USD' }) @IsString() @Length(3, 3) currency!: string;
  @ApiProperty({ example: '2026-03-01T12:00:00.000Z' }) @IsISO8601({ strict: true }) bidDeadline!: string;
  @ApiProperty({ type: DisclosurePolicyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DisclosurePolicyDto)
  disclosure!: DisclosurePolicyDto;
  @ApiProperty({ type: CompliancePlanPolicyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CompliancePlanPolicyDto)
  compliancePlans!: CompliancePlanPolicyDto;
  @ApiProperty({ type: [PerformanceClauseDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PerformanceClauseDto)
  performanceClauses!: PerformanceClauseDto[];
  @ApiProperty({ type: [AwardCriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => AwardCriterionDto)
  awardCriteria!: AwardCriterionDto[];
  @ApiProperty({ type: LegalStandstillPolicyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LegalStandstillPolicyDto)
  legalStandstill!: LegalStandstillPolicyDto;
  @ApiProperty({ type: DueDiligencePolicyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DueDiligencePolicyDto)
  dueDiligence!: DueDiligencePolicyDto;
  @ApiPropertyOptional({
    type: AbnormallyLowPricePolicyDto,
    description: 'Absent: a price more than 20% below the mean of the other bids is flagged',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AbnormallyLowPricePolicyDto)
  abnormallyLowPrice?: AbnormallyLowPricePolicyDto;
}
