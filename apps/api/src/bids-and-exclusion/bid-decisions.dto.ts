// Small bodies of the decisions on a bid, one class each.
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { CommandDto } from '../commands/command.dto';

export class ReplaceSubcontractorDto extends CommandDto {
  @ApiProperty({ example: 'sub-1' }) @IsString() @Length(1, 100) subcontractorId!: string;
  @ApiProperty({ example: 'sub-2' }) @IsString() @Length(1, 100) replacementSubcontractorId!: string;
}

export class SelfCleaningEvidenceDto {
  @ApiProperty({ enum: ['paid', 'committed', 'none'], example: 'paid' })
  @IsIn(['paid', 'committed', 'none'])
  compensation!: 'paid' | 'committed' | 'none';
  @ApiProperty({ example: true }) @IsBoolean() factsClarifiedWithInvestigators!: boolean;
  @ApiProperty({ example: ['payroll system with hour caps'] })
  @IsArray()
  @IsString({ each: true })
  technicalMeasures!: string[];
  @ApiProperty({ example: ['independent grievance hotline'] })
  @IsArray()
  @IsString({ each: true })
  organisationalMeasures!: string[];
  @ApiProperty({ example: ['factory manager replaced'] })
  @IsArray()
  @IsString({ each: true })
  personnelMeasures!: string[];
}

export class SubmitSelfCleaningEvidenceDto extends CommandDto {
  @ApiProperty({ type: SelfCleaningEvidenceDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SelfCleaningEvidenceDto)
  evidence!: SelfCleaningEvidenceDto;
  @ApiProperty({ example: ['court-settlement-2025-17'] }) @IsArray() @IsString({ each: true }) evidenceRefs!: string[];
}

export class AssessSelfCleaningDto extends CommandDto {
  @ApiProperty({ enum: ['accept', 'reject'], example: 'accept' }) @IsIn(['accept', 'reject']) decision!:
    'accept' | 'reject';
  @ApiProperty({ example: 'evidence covers every element of Art. 57(6)' })
  @IsString()
  @Length(1, 2000)
  reasons!: string;
}

export class FlagAbnormallyLowBidDto extends CommandDto {
  @ApiProperty({ example: 'price 40% below the average of the other bids' })
  @IsString()
  @Length(1, 2000)
  reasons!: string;
}

export class RequestLowBidExplanationDto extends CommandDto {
  @ApiProperty({ example: ['How are legal minimum wages and overtime premiums covered by the price?'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  questions!: string[];
}

export class AssessLowBidExplanationDto extends CommandDto {
  @ApiProperty({ example: 'explanation-bid-b-2026-02' }) @IsString() @Length(1, 200) explanationRef!: string;
  @ApiProperty({ description: 'The price rests on not respecting labour or social law', example: false })
  @IsBoolean()
  priceLowBecauseLabourOrSocialLawNotRespected!: boolean;
  @ApiProperty({ enum: ['accept', 'reject'], example: 'accept' }) @IsIn(['accept', 'reject']) decision!:
    'accept' | 'reject';
  @ApiProperty({ example: 'economies of scale documented' }) @IsString() @Length(1, 2000) reasons!: string;
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'price' }) @IsString() criterionId!: string;
  @ApiProperty({ example: 80 }) @IsInt() @Min(0) @Max(100) score!: number;
}

export class EvaluateBidDto extends CommandDto {
  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores!: CriterionScoreDto[];
}
