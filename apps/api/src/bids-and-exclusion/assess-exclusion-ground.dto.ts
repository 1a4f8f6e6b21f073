import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import {
  discretionaryGrounds,
  mandatoryOffences,
  type AssessExclusionGround,
  type DiscretionaryGround,
  type MandatoryOffence,
} from '@pj/domain';
import { CommandDto } from '../commands/command.dto';
import { InvalidInputError } from '../errors/request-errors';
import type { FieldProblem } from '../errors/validation';

export class ExclusionSubjectDto {
  @ApiProperty({ enum: ['bidder', 'subcontractor'], example: 'bidder' })
  @IsIn(['bidder', 'subcontractor'])
  kind!: 'bidder' | 'subcontractor';
  @ApiPropertyOptional({ description: 'For a subcontractor: which one', example: 'sub-1' })
  @IsOptional()
  @IsString()
  subcontractorId?: string;
}

/** Art. 57(1)/(2) mandatory (with the final conviction and its date) or 57(4) discretionary (with the facts and their date). */
export class ExclusionGroundDto {
  @ApiProperty({ enum: ['mandatory', 'discretionary'], example: 'discretionary' })
  @IsIn(['mandatory', 'discretionary'])
  kind!: 'mandatory' | 'discretionary';
  @ApiPropertyOptional({
    enum: mandatoryOffences,
    description: 'Art. 57(1)(a)–(f), or unpaid taxes or social security contributions (Art. 57(2))',
    example: 'child_labour',
  })
  @IsOptional()
  @IsIn(mandatoryOffences)
  offence?: MandatoryOffence;
  @ApiPropertyOptional({ description: 'by final judgment, or a final and binding decision', example: true })
  @IsOptional()
  @IsBoolean()
  convictionFinal?: boolean;
  @ApiPropertyOptional({
    description: 'date of the final conviction or decision: the 5-year cap counts from it (Art. 57(7))',
    example: '2024-05-02',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  convictedOn?: string;
  @ApiPropertyOptional({ enum: discretionaryGrounds, example: 'breach_of_labour_law' })
  @IsOptional()
  @IsIn(discretionaryGrounds)
  ground?: DiscretionaryGround;
  @ApiPropertyOptional({ example: 'unpaid overtime found by a 2025 labour inspection' })
  @IsOptional()
  @IsString()
  facts?: string;
  @ApiPropertyOptional({
    description: 'date of the relevant event: the 3-year cap counts from it (Art. 57(7))',
    example: '2025-03-10',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredOn?: string;
}

export class AssessExclusionGroundDto extends CommandDto {
  @ApiProperty({ type: ExclusionSubjectDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ExclusionSubjectDto)
  subject!: ExclusionSubjectDto;
  @ApiProperty({ type: ExclusionGroundDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ExclusionGroundDto)
  ground!: ExclusionGroundDto;
  @ApiProperty({ enum: ['exclude', 'do_not_exclude'], example: 'do_not_exclude' })
  @IsIn(['exclude', 'do_not_exclude'])
  decision!: 'exclude' | 'do_not_exclude';
  @ApiProperty({ example: 'remediation already under way and verified' }) @IsString() @Length(1, 2000) reasons!: string;
  @ApiPropertyOptional({ example: '2029-01-01T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  excludedUntil?: string;
}

type ExclusionAssessment = Omit<AssessExclusionGround['data'], 'caseId' | 'bidId'>;

/**
 * The DTO as the command's data. The DTO is flat (one schema per object, as the API document has
 * it); the command's subject and ground are unions, each kind with fields of its own, which are
 * required here: a ground without its conviction or facts is refused with the field, not recorded.
 */
export function exclusionAssessment(dto: AssessExclusionGroundDto): ExclusionAssessment {
  const problems: FieldProblem[] = [];
  const required = <T>(value: T | undefined, field: string, kind: string): T => {
    if (value === undefined) problems.push({ field, reason: `is required for ${kind}` });
    // A missing value is refused below, before anything is built from it.
    return value as T;
  };
  const subject: ExclusionAssessment['subject'] =
    dto.subject.kind === 'bidder'
      ? { kind: 'bidder' }
      : {
          kind: 'subcontractor',
          subcontractorId: required(dto.subject.subcontractorId, 'subject.subcontractorId', 'a subcontractor'),
        };
  const kind = `a ${dto.ground.kind} ground`;
  const ground: ExclusionAssessment['ground'] =
    dto.ground.kind === 'mandatory'
      ? {
          kind: 'mandatory',
          offence: required(dto.ground.offence, 'ground.offence', kind),
          convictionFinal: required(dto.ground.convictionFinal, 'ground.convictionFinal', kind),
          convictedOn: required(dto.ground.convictedOn, 'ground.convictedOn', kind),
        }
      : {
          kind: 'discretionary',
          ground: required(dto.ground.ground, 'ground.ground', kind),
          facts: required(dto.ground.facts, 'ground.facts', kind),
          occurredOn: required(dto.ground.occurredOn, 'ground.occurredOn', kind),
        };
  if (problems.length > 0)
    throw new InvalidInputError(problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
  const { decision, reasons, excludedUntil } = dto;
  return { subject, ground, decision, reasons, ...(excludedUntil !== undefined ? { excludedUntil } : {}) };
}
