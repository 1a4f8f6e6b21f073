import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { amendmentLegalBases, type AmendmentLegalBasis, type ProcurementNature } from '@pj/domain';
import { CommandDto } from '../commands/command.dto';

/** Money: whole minor units (cents, öre) and an ISO 4217 code; never a decimal. */
export class MoneyDto {
  @ApiProperty({ example: 2_500_000, description: 'Whole minor units of the currency (cents): an integer' })
  @IsInt()
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor!: number;
  @ApiProperty({ example: 'USD', description: 'ISO 4217 alphabetic code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code of three capital letters' })
  currency!: string;
}

export class RebateTierDto {
  @ApiProperty({ example: 10_000_100, description: 'Annual volume (minor units) the tier applies from' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  fromMinor!: number;
  @ApiProperty({ example: 100, description: 'Rate in basis points (1% = 100)' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  rateBasisPoints!: number;
}

export class OpenCooperativeContractDto extends CommandDto {
  @ApiProperty({ example: 'mad-uniforms-2026' }) @IsString() @Length(1, 200) contractId!: string;
  @ApiProperty({ example: 'uniforms-inc' }) @IsString() @Length(1, 200) supplierId!: string;
  @ApiProperty({ example: '2026-03-10T15:00:00.000Z', description: 'The signature instant recorded in the case' })
  @IsISO8601({ strict: true })
  signedAt!: string;
  @ApiProperty({ example: 'USD' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code of three capital letters' })
  currency!: string;
  @ApiProperty({
    type: MoneyDto,
    description: 'Annual purchases from one factory from which it needs a compliance plan',
  })
  @ValidateNested()
  @Type(() => MoneyDto)
  compliancePlanThreshold!: MoneyDto;
  @ApiProperty({
    type: [RebateTierDto],
    example: [
      { fromMinor: 10_000_100, rateBasisPoints: 100 },
      { fromMinor: 20_000_100, rateBasisPoints: 150 },
      { fromMinor: 30_000_100, rateBasisPoints: 200 },
    ],
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RebateTierDto)
  rebateTiers!: RebateTierDto[];
  @ApiPropertyOptional({ example: 30, description: 'Rehearsals and end-to-end runs only: a contract year of seconds' })
  @IsOptional()
  @IsInt()
  @Min(1)
  rehearsalYearSeconds?: number;
}

export class RequestToJoinDto extends CommandDto {
  @ApiProperty({ example: 'Dane County' }) @IsString() @Length(1, 200) agencyName!: string;
}

export class DecideJoinRequestDto extends CommandDto {
  @ApiProperty({ enum: ['accept', 'decline'], example: 'accept' }) @IsIn(['accept', 'decline']) decision!:
    'accept' | 'decline';
  @ApiPropertyOptional({ example: 'a public agency of the state, on the same terms' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  reasons?: string;
}

export class PlaceOrderDto extends CommandDto {
  @ApiProperty({ example: 'po-2026-0042' }) @IsString() @Length(1, 200) orderId!: string;
  @ApiPropertyOptional({ example: 'f-dhaka-1' }) @IsOptional() @IsString() @Length(1, 200) factoryId?: string;
  @ApiProperty({ type: MoneyDto }) @ValidateNested() @Type(() => MoneyDto) amount!: MoneyDto;
  @ApiPropertyOptional({ example: '400 shirts, police blue' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  description?: string;
}

export class PayMonitoringDto extends CommandDto {
  @ApiProperty({ example: 'wrc-2027-q1' }) @IsString() @Length(1, 200) paymentId!: string;
  @ApiProperty({ type: MoneyDto }) @ValidateNested() @Type(() => MoneyDto) amount!: MoneyDto;
  @ApiProperty({ example: 'worker-rights-consortium' }) @IsString() @Length(1, 200) payee!: string;
  @ApiProperty({ example: 'factory investigations, year 1' }) @IsString() @Length(1, 4000) purpose!: string;
}

export class AmendmentChangesDto {
  @ApiPropertyOptional({ type: MoneyDto, description: 'Change of the contract value (negative lowers it)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  value?: MoneyDto;
  @ApiPropertyOptional({ example: 6 }) @IsOptional() @IsInt() @Min(-600) @Max(600) durationMonths?: number;
  @ApiPropertyOptional({ example: 'adds rain jackets' }) @IsOptional() @IsString() @Length(1, 4000) scope?: string;
  @ApiPropertyOptional({ example: ['8.2 delivery within 30 days'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  clauses?: string[];
}

export class AmendContractDto extends CommandDto {
  @ApiProperty({ example: 'am-1' }) @IsString() @Length(1, 200) amendmentId!: string;
  @ApiProperty({ enum: amendmentLegalBases, example: 'de_minimis' })
  @IsIn(amendmentLegalBases)
  legalBasis!: AmendmentLegalBasis;
  @ApiProperty({ example: 'a second colour for the fire service' }) @IsString() @Length(1, 4000) rationale!: string;
  @ApiProperty({ enum: ['supplies', 'services', 'works'], example: 'supplies' })
  @IsIn(['supplies', 'services', 'works'])
  procurementNature!: ProcurementNature;
  @ApiProperty({ type: AmendmentChangesDto })
  @ValidateNested()
  @Type(() => AmendmentChangesDto)
  changes!: AmendmentChangesDto;
  @ApiProperty({ example: false }) @IsBoolean() altersOverallNature!: boolean;
  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'De minimis: the EU threshold (Art. 4) in the contract currency',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  euThreshold?: MoneyDto;
  @ApiPropertyOptional({ example: 'clause 12 price review' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reviewClauseRef?: string;
}
