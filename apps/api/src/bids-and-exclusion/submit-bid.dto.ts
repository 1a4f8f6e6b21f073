import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
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

export class DisclosedFactoryDto {
  @ApiProperty({ example: 'f-shenzhen-1' }) @IsString() @Length(1, 100) factoryId!: string;
  @ApiProperty({ description: 'Expected purchases per year, tender currency', example: 40000 })
  @IsNumber()
  @Min(0)
  annualPurchases!: number;
}

export class SupplyChainDisclosureDto {
  @ApiProperty({ example: 60 }) @IsNumber() @Min(0) @Max(100) disclosedSharePercent!: number;
  @ApiProperty({ type: [DisclosedFactoryDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DisclosedFactoryDto)
  factories!: DisclosedFactoryDto[];
}

export class SelfDeclarationsDto {
  @ApiProperty({ example: true }) @IsBoolean() noConvictionForChildLabourOrTrafficking!: boolean;
  @ApiProperty({ example: true }) @IsBoolean() noGraveProfessionalMisconduct!: boolean;
  @ApiProperty({ example: true }) @IsBoolean() compliesWithLabourLaw!: boolean;
  @ApiProperty({ example: true }) @IsBoolean() noEarlierContractTerminatedEarly!: boolean;
  @ApiProperty({ example: true }) @IsBoolean() acceptsCodeOfConduct!: boolean;
}

/** Art. 69: what the price holds for labour, checked against the tender's statutory minimum wage. */
export class LabourCostDto {
  @ApiProperty({ description: 'Labour cost in the price, tender currency', example: 150000 })
  @IsNumber()
  @Min(0)
  amount!: number;
  @ApiProperty({ description: 'Hours of work the labour cost pays for', example: 12000 })
  @IsNumber()
  @Min(0)
  hours!: number;
}

export class SubmitBidDto extends CommandDto {
  @ApiProperty({ example: 'bid-dell' }) @IsString() @Length(1, 100) bidId!: string;
  @ApiPropertyOptional({
    description:
      'The bidder: required when a contract manager records a bid; a supplier’s own (from the token) when a supplier submits',
    example: 'dell',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  supplierId?: string;
  @ApiProperty({ example: 250000 }) @IsNumber() @Min(0) price!: number;
  @ApiProperty({ type: SupplyChainDisclosureDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SupplyChainDisclosureDto)
  supplyChainDisclosure!: SupplyChainDisclosureDto;
  @ApiProperty({ type: SelfDeclarationsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SelfDeclarationsDto)
  selfDeclarations!: SelfDeclarationsDto;
  @ApiProperty({ example: ['atea'] }) @IsArray() @IsString({ each: true }) subcontractorIds!: string[];
  @ApiPropertyOptional({ type: LabourCostDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LabourCostDto)
  labourCost?: LabourCostDto;
}
