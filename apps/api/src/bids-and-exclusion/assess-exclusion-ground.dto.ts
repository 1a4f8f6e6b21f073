import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CommandDto } from '../commands/command.dto';

export class ExclusionSubjectDto {
  @ApiProperty({ enum: ['bidder', 'subcontractor'], example: 'bidder' })
  @IsIn(['bidder', 'subcontractor'])
  kind!: 'bidder' | 'subcontractor';
  @ApiPropertyOptional({ description: 'For a subcontractor: which one', example: 'sub-1' })
  @IsOptional()
  @IsString()
  subcontractorId?: string;
}

/** Art. 57(1) mandatory (with the conviction) or 57(4) discretionary (with the facts). */
export class ExclusionGroundDto {
  @ApiProperty({ enum: ['mandatory', 'discretionary'], example: 'discretionary' })
  @IsIn(['mandatory', 'discretionary'])
  kind!: 'mandatory' | 'discretionary';
  @ApiPropertyOptional({ enum: ['child_labour', 'trafficking_in_human_beings'], example: 'child_labour' })
  @IsOptional()
  @IsIn(['child_labour', 'trafficking_in_human_beings'])
  offence?: string;
  @ApiPropertyOptional({ example: true }) @IsOptional() @IsBoolean() convictionFinal?: boolean;
  @ApiPropertyOptional({ example: '2024-05-02T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  convictedOn?: string;
  @ApiPropertyOptional({
    enum: ['grave_professional_misconduct', 'breach_of_labour_law', 'early_termination_of_earlier_contract'],
    example: 'breach_of_labour_law',
  })
  @IsOptional()
  @IsIn(['grave_professional_misconduct', 'breach_of_labour_law', 'early_termination_of_earlier_contract'])
  ground?: string;
  @ApiPropertyOptional({ example: 'unpaid overtime found by a 2025 labour inspection' })
  @IsOptional()
  @IsString()
  facts?: string;
}

export class AssessExclusionGroundDto extends CommandDto {
  @ApiProperty({ type: ExclusionSubjectDto })
  @ValidateNested()
  @Type(() => ExclusionSubjectDto)
  subject!: ExclusionSubjectDto;
  @ApiProperty({ type: ExclusionGroundDto })
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
