// Bodies of the finding commands and the breach-escalation updates, one class each.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { MOST_PEOPLE, supplyStandstillScopes, type SupplyStandstillScope } from '@pj/domain';
import { CommandDto } from '../commands/command.dto';
import { ReasonsDto } from '../award-and-standstill/award-decisions.dto';
import type { EvidenceKind, FindingSource, Severity } from '@pj/domain';

const SEVERITIES = ['low', 'medium', 'high', 'critical'];

export class RecordFindingDto extends CommandDto {
  @ApiProperty({ example: 'danwatch-f-shenzhen-1' }) @IsString() @Length(1, 100) findingId!: string;
  @ApiProperty({ example: 'f-shenzhen-1' }) @IsString() @Length(1, 100) factoryId!: string;
  @ApiPropertyOptional({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) @IsOptional() @IsString() caseId?: string;
  @ApiProperty({
    enum: ['social_audit', 'worker_driven_monitor', 'ngo_report', 'media_report', 'grievance'],
    example: 'ngo_report',
  })
  @IsIn(['social_audit', 'worker_driven_monitor', 'ngo_report', 'media_report', 'grievance'])
  source!: FindingSource;
  @ApiProperty({ enum: SEVERITIES, example: 'high' }) @IsIn(SEVERITIES) severity!: Severity;
  @ApiProperty({ example: 'ILO C1 hours of work; legal minimum wage' })
  @IsString()
  @Length(1, 500)
  standardBreached!: string;
  @ApiProperty({ example: 300 }) @IsInt() @Min(0) @Max(MOST_PEOPLE) workersAffected!: number;
  @ApiProperty({ example: 'up to 74-hour weeks, forced overtime, wages below the legal minimum' })
  @IsString()
  @Length(1, 8000)
  description!: string;
  @ApiProperty({ example: ['danwatch-2013-report'] }) @IsArray() @IsString({ each: true }) evidenceRefs!: string[];
  @ApiProperty({ description: 'Visible to other buyers sourcing from the factory', example: true })
  @IsBoolean()
  shareableWithOtherBuyers!: boolean;
}

export class AddFindingEvidenceDto extends CommandDto {
  @ApiProperty({ example: 'eicc-audit-f-shenzhen-1' }) @IsString() @Length(1, 200) evidenceRef!: string;
  @ApiProperty({
    enum: ['contractor_documents', 'audit_report', 'monitoring_report', 'worker_testimony', 'other'],
    example: 'audit_report',
  })
  @IsIn(['contractor_documents', 'audit_report', 'monitoring_report', 'worker_testimony', 'other'])
  kind!: EvidenceKind;
  @ApiProperty({ example: 'monitored by a third party for the council' }) @IsString() @Length(0, 4000) note!: string;
}

export class EscalationOffsetsDto {
  @ApiProperty({ example: 14 }) @IsInt() @Min(0) reminder!: number;
  @ApiProperty({ example: 28 }) @IsInt() @Min(0) escalated_to_compliance_officer!: number;
  @ApiProperty({ example: 42 }) @IsInt() @Min(0) supply_standstill!: number;
  @ApiProperty({ example: 90 }) @IsInt() @Min(0) termination_proposed!: number;
}

export class RemedyTimetableDto {
  @ApiProperty({ description: 'Calendar days from the request', example: 30 })
  @IsInt()
  @Min(1)
  planDueWithinDays!: number;
  @ApiProperty({ type: EscalationOffsetsDto, description: 'Calendar days after a slipped deadline, per ladder step' })
  @IsDefined()
  @ValidateNested()
  @Type(() => EscalationOffsetsDto)
  escalationAfterDays!: EscalationOffsetsDto;
  @ApiPropertyOptional({
    description: 'Calendar days between reminders while a proposed supply standstill waits for a decision (default 7)',
    example: 7,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  remindStandstillDecisionEveryDays?: number;
}

export class ConfirmBreachDto extends CommandDto {
  @ApiProperty({ example: 'conditions breach the code of conduct in the purchase contract' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
  @ApiPropertyOptional({
    description: 'Defaults to the finding’s case',
    example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11',
  })
  @IsOptional()
  @IsString()
  caseId?: string;
  @ApiProperty({ example: 'dell' }) @IsString() @Length(1, 100) contractorId!: string;
  @ApiProperty({ type: RemedyTimetableDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RemedyTimetableDto)
  remedyTimetable!: RemedyTimetableDto;
}

export class DismissFindingDto extends ReasonsDto {}

export class PlannedActionDto {
  @ApiProperty({ example: 'wages' }) @IsString() @Length(1, 100) actionId!: string;
  @ApiProperty({ example: 'pay wage arrears to the legal minimum' }) @IsString() @Length(1, 2000) action!: string;
  @ApiProperty({ example: true }) @IsBoolean() forAffectedWorkers!: boolean;
  @ApiProperty({ example: 'Dell' }) @IsString() @Length(1, 200) responsibleParty!: string;
  @ApiProperty({ example: 'payroll review and worker interviews' })
  @IsString()
  @Length(1, 2000)
  verificationMethod!: string;
  @ApiProperty({ example: '2026-06-30T00:00:00.000Z' }) @IsISO8601({ strict: true }) deadline!: string;
  @ApiProperty({ example: 'termination proposal' }) @IsString() @Length(1, 2000) consequenceIfNotDone!: string;
}

export class SubmitCorrectiveActionPlanDto extends CommandDto {
  @ApiProperty({ example: 'cap-f-shenzhen-1' }) @IsString() @Length(1, 100) planId!: string;
  @ApiProperty({ example: '2026-07-31T00:00:00.000Z' }) @IsISO8601({ strict: true }) deadline!: string;
  @ApiProperty({ type: [PlannedActionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PlannedActionDto)
  actions!: PlannedActionDto[];
}

export class ApproveCorrectiveActionPlanDto extends CommandDto {
  @ApiProperty({ example: 'cap-f-shenzhen-1' }) @IsString() @Length(1, 100) planId!: string;
}

export class RecordRemedyToWorkersDto extends CommandDto {
  @ApiProperty({ example: 'arrears-f-shenzhen-1' }) @IsString() @Length(1, 100) remedyId!: string;
  @ApiProperty({ enum: ['back_pay', 'reinstatement', 'compensation'], example: 'back_pay' })
  @IsIn(['back_pay', 'reinstatement', 'compensation'])
  kind!: 'back_pay' | 'reinstatement' | 'compensation';
  @ApiProperty({ example: 300 }) @IsInt() @Min(1) @Max(MOST_PEOPLE) workersCovered!: number;
  @ApiPropertyOptional({ example: 150000 }) @IsOptional() @IsNumber() @Min(0) amount?: number;
  @ApiPropertyOptional({ example: 'CNY' }) @IsOptional() @IsString() @Length(3, 3) currency?: string;
  @ApiProperty({ example: 'wage arrears' }) @IsString() @Length(1, 2000) description!: string;
}

export class RecordRemediationResultDto extends CommandDto {
  @ApiProperty({ enum: ['complete', 'partial', 'none'], example: 'complete' })
  @IsIn(['complete', 'partial', 'none'])
  result!: 'complete' | 'partial' | 'none';
  @ApiProperty({ example: 'both audits confirm' }) @IsString() @Length(1, 4000) assessment!: string;
  @ApiProperty({ example: ['hours', 'wages'] }) @IsArray() @IsString({ each: true }) actionsCompleted!: string[];
}

export class VerifyRemediationDto extends CommandDto {
  @ApiProperty({ example: 'Electronics Watch monitor' }) @IsString() @Length(1, 200) verifiedBy!: string;
  @ApiProperty({ example: 'worker interviews off site' }) @IsString() @Length(1, 2000) method!: string;
  @ApiProperty({ example: 'verification-f-shenzhen-1' }) @IsString() @Length(1, 200) verificationRef!: string;
}

export class DecideSupplyStandstillDto extends CommandDto {
  @ApiProperty({ enum: ['impose', 'decline'], example: 'impose' })
  @IsIn(['impose', 'decline'])
  decision!: 'impose' | 'decline';
  @ApiPropertyOptional({
    description: 'To impose: the factories whose supply stops, one standstill each',
    example: ['f-shenzhen-1'],
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  factoryIds?: string[];
  @ApiPropertyOptional({
    enum: supplyStandstillScopes,
    description: 'To impose: this contract, or every contract the buyer holds with the contractor',
    example: 'contract',
  })
  @IsOptional()
  @IsIn(supplyStandstillScopes)
  scope?: SupplyStandstillScope;
  @ApiProperty({ example: 'no plan five weeks after the request; stop sourcing from the factory' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
}

export class ConfirmStandstillLiftingDto extends CommandDto {
  @ApiProperty({ example: 'remediation verified on site by the worker-driven monitor' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
}

export class DecideTerminationDto extends CommandDto {
  @ApiProperty({ enum: ['terminate', 'keep_contract'], example: 'terminate' })
  @IsIn(['terminate', 'keep_contract'])
  decision!: 'terminate' | 'keep_contract';
  @ApiProperty({ example: 'the ladder is exhausted and no plan was delivered' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
}
