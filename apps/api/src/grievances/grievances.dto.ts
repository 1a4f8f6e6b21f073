// Bodies of the grievance commands and the grievance-intake updates, one class each.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { EffectiveDate } from '../commands/effective-date.dto';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { MOST_PEOPLE } from '@pj/domain';
import { CommandDto } from '../commands/command.dto';
import type { GrievanceChannel, Severity } from '@pj/domain';

export class ComplainantDto {
  @ApiProperty({ example: 'Li Wei' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '+86 755 0000 0000' }) @IsString() @Length(1, 200) contact!: string;
}

export class SubmitGrievanceDto extends CommandDto {
  @ApiProperty({ example: 'grievance-2026-014' }) @IsString() @Length(1, 100) grievanceId!: string;
  @ApiProperty({ example: 'f-shenzhen-1' }) @IsString() @Length(1, 100) factoryId!: string;
  @ApiPropertyOptional({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) @IsOptional() @IsString() caseId?: string;
  @ApiProperty({
    enum: ['hotline', 'worker_organisation', 'independent_monitor', 'in_person', 'online_form'],
    example: 'independent_monitor',
  })
  @IsIn(['hotline', 'worker_organisation', 'independent_monitor', 'in_person', 'online_form'])
  channel!: GrievanceChannel;
  @ApiProperty({ example: true }) @IsBoolean() anonymous!: boolean;
  @ApiPropertyOptional({ type: ComplainantDto, description: 'Only when the worker chose to be named' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant?: ComplainantDto;
  @ApiProperty({ example: 'overtime unpaid for three months on line 4' })
  @IsString()
  @Length(1, 8000)
  allegation!: string;
  @ApiProperty({ example: 40 }) @IsInt() @Min(0) @Max(MOST_PEOPLE) workersConcerned!: number;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'], example: 'medium' })
  @IsIn(['low', 'medium', 'high', 'critical'])
  severity!: Severity;
  @ApiProperty({ description: 'The buyer’s grievance policy', example: 7 })
  @IsInt()
  @Min(1)
  acknowledgeWithinDays!: number;
  @EffectiveDate(
    'When the worker raised the grievance (the intake received it); acknowledgement is due counting from the day after',
    '2026-12-21T18:00:00+01:00',
  )
  occurredAt?: string;
}

export class AcknowledgeGrievanceDto extends CommandDto {
  @ApiProperty({ example: 'We received your report; you are protected against retaliation.' })
  @IsString()
  @Length(1, 4000)
  message!: string;
}

export class ProtectionDto {
  @ApiProperty({ example: ['identity withheld from the factory'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  measures!: string[];
  @ApiProperty({ example: 'the complainants and the worker committee' })
  @IsString()
  @Length(1, 2000)
  protectedParties!: string;
}

export class InvestigationDto {
  @ApiProperty({ enum: ['new', 'join'], example: 'new' }) @IsIn(['new', 'join']) kind!: 'new' | 'join';
  @ApiProperty({ example: 'grievance-2026-014-finding' }) @IsString() @Length(1, 100) findingId!: string;
  @ApiPropertyOptional({ example: 'ILO C1 hours of work' }) @IsOptional() @IsString() standardBreached?: string;
  @ApiPropertyOptional({ example: 'unpaid overtime on line 4' }) @IsOptional() @IsString() description?: string;
  @ApiPropertyOptional({ example: 'same pattern as the open finding' }) @IsOptional() @IsString() note?: string;
}

export class TriageGrievanceDto extends CommandDto {
  @ApiProperty({ type: ProtectionDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ProtectionDto)
  protection!: ProtectionDto;
  @ApiProperty({ type: InvestigationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => InvestigationDto)
  investigation!: InvestigationDto;
}

export class ReportRetaliationDto extends CommandDto {
  @ApiProperty({ example: 'complainant moved to night shift after the report' })
  @IsString()
  @Length(1, 4000)
  description!: string;
}

export class CloseGrievanceDto extends CommandDto {
  @ApiProperty({ example: 'overtime back pay received by all 40 workers' })
  @IsString()
  @Length(1, 4000)
  resolution!: string;
  @ApiProperty({ example: true }) @IsBoolean() complainantInformed!: boolean;
}
