// Bodies of the performance commands, one class each.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DisclosedFactoryDto } from '../bids-and-exclusion/submit-bid.dto';
import { documentKinds, type DocumentKind } from '@pj/domain';
import { CommandDto } from '../commands/command.dto';

export class DiscloseSupplyChainDto extends CommandDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) contractYear!: number;
  @ApiProperty({ example: 70 }) @IsNumber() @Min(0) @Max(100) disclosedSharePercent!: number;
  @ApiProperty({ type: [DisclosedFactoryDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DisclosedFactoryDto)
  factories!: DisclosedFactoryDto[];
}

export class SubmitCompliancePlanDto extends CommandDto {
  @ApiProperty({ example: 'f-shenzhen-1' }) @IsString() @Length(1, 100) factoryId!: string;
  @ApiProperty({ example: 'plan-f-shenzhen-1-2026' }) @IsString() @Length(1, 200) planRef!: string;
  @ApiProperty({ example: ['weekly hours capped at 60', 'worker committee elected'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  measures!: string[];
}

export class RecordKpiProgressDto extends CommandDto {
  @ApiProperty({ example: 'living-wage' }) @IsString() @Length(1, 100) clauseId!: string;
  @ApiProperty({ example: '2026-Q2' }) @IsString() @Length(1, 50) period!: string;
  @ApiProperty({ example: 42 }) @IsNumber() value!: number;
  @ApiProperty({ example: 60 }) @IsNumber() target!: number;
}

export class RecordClauseBreachDto extends CommandDto {
  @ApiProperty({ example: 'factory-disclosure' }) @IsString() @Length(1, 100) clauseId!: string;
  @ApiProperty({ example: 'breach-2026-1' }) @IsString() @Length(1, 100) breachId!: string;
  @ApiProperty({ example: 'factory list not provided by the deadline' })
  @IsString()
  @Length(1, 4000)
  description!: string;
  @ApiPropertyOptional({ example: 'danwatch-f-shenzhen-1' }) @IsOptional() @IsString() findingId?: string;
}

export class ImposeSanctionDto extends CommandDto {
  @ApiProperty({ example: 'sanction-1' }) @IsString() @Length(1, 100) sanctionId!: string;
  @ApiProperty({ example: 'factory-disclosure' }) @IsString() @Length(1, 100) clauseId!: string;
  @ApiProperty({ example: 'breach-2026-1' }) @IsString() @Length(1, 100) breachId!: string;
  @ApiProperty({ enum: ['liquidated_damages', 'payment_withheld', 'formal_warning'], example: 'formal_warning' })
  @IsIn(['liquidated_damages', 'payment_withheld', 'formal_warning'])
  sanction!: 'liquidated_damages' | 'payment_withheld' | 'formal_warning';
  @ApiPropertyOptional({ example: 5000 }) @IsOptional() @IsNumber() @Min(0) amount?: number;
  @ApiProperty({ example: 'necessary step missed twice' }) @IsString() @Length(1, 4000) reasons!: string;
}

export class QuestionnaireAnswerDto {
  @ApiProperty({ example: 'q-hours' }) @IsString() @Length(1, 100) questionId!: string;
  @ApiProperty({ example: 'weekly hours are capped at 60 including overtime' })
  @IsString()
  @Length(1, 8000)
  answer!: string;
  @ApiPropertyOptional({
    description: 'References to the documents the answer rests on (a policy, time records, an audit report)',
    example: ['dell-working-hours-policy-2026', 'time-records-2026-q1'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  documentRefs?: string[];
}

export class AnswerQuestionnaireDto extends CommandDto {
  @ApiProperty({ type: [QuestionnaireAnswerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => QuestionnaireAnswerDto)
  answers!: QuestionnaireAnswerDto[];
}

export class TerminateContractDto extends CommandDto {
  @ApiProperty({ example: 'workers in immediate danger; no remedy possible under this contract' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
  @ApiPropertyOptional({ description: 'The breach whose ladder was followed', example: 'danwatch-f-shenzhen-1' })
  @IsOptional()
  @IsString()
  findingId?: string;
  @ApiPropertyOptional({
    description: 'Why the ladder could not be followed',
    example: 'fire exits locked, workers at risk',
  })
  @IsOptional()
  @IsString()
  urgencyJustification?: string;
}

export class CloseContractDto extends CommandDto {
  @ApiProperty({ example: 'contract period ended; all deliveries accepted' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
}

export class RequestedDocumentDto {
  @ApiProperty({ enum: documentKinds, example: 'audit_report' }) @IsIn(documentKinds) kind!: DocumentKind;
  @ApiProperty({ example: 'latest social audit of f-shenzhen-1' }) @IsString() @Length(1, 2000) description!: string;
}

export class RequestDocumentsDto extends CommandDto {
  @ApiProperty({ example: 'docs-2026-03' }) @IsString() @Length(1, 200) requestId!: string;
  @ApiProperty({ type: [RequestedDocumentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RequestedDocumentDto)
  documents!: RequestedDocumentDto[];
  @ApiProperty({ description: 'By when the contractor discloses them', example: '2026-03-16T17:00:00.000Z' })
  @IsISO8601({ strict: true })
  deadline!: string;
}

export class DisclosedDocumentDto {
  @ApiProperty({ description: 'Where the document is kept (a reference or its hash)', example: 'audit-2026-01' })
  @IsString()
  @Length(1, 500)
  documentRef!: string;
  @ApiProperty({ enum: documentKinds, example: 'audit_report' }) @IsIn(documentKinds) kind!: DocumentKind;
  @ApiProperty({ example: 'Social audit, January 2026' }) @IsString() @Length(1, 500) title!: string;
}

export class DiscloseRequestedDocumentsDto extends CommandDto {
  @ApiProperty({ type: [DisclosedDocumentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => DisclosedDocumentDto)
  documents!: DisclosedDocumentDto[];
  @ApiProperty({
    description: 'Under a non-disclosure agreement: only compliance officers and auditors may read them',
    example: true,
  })
  @IsBoolean()
  underNonDisclosureAgreement!: boolean;
}
