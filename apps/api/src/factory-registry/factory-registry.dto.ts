import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MOST_PEOPLE } from '@pj/domain';
import { CommandDto } from '../commands/command.dto';

export class RegisterFactoryDto extends CommandDto {
  @ApiProperty({ example: 'f-shenzhen-1' }) @IsString() @Length(1, 100) factoryId!: string;
  @ApiProperty({ example: 'Shenzhen Electronics Assembly No. 1' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'Longhua, Shenzhen, Guangdong' }) @IsString() @Length(1, 500) address!: string;
  @ApiProperty({ example: 'CN' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(20) tier!: number;
  @ApiProperty({ example: ['laptops'] }) @IsArray() @IsString({ each: true }) products!: string[];
  @ApiProperty({ example: 4000 }) @IsInt() @Min(0) @Max(MOST_PEOPLE) numberOfWorkers!: number;
  @ApiPropertyOptional({ example: 'CN2019123ABCDEF' }) @IsOptional() @IsString() openSupplyHubId?: string;
}

export class FactoryProfileChangesDto {
  @ApiPropertyOptional({ example: ['laptops', 'displays'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  products?: string[];
  @ApiPropertyOptional({ example: 4200 }) @IsOptional() @IsInt() @Min(0) @Max(MOST_PEOPLE) numberOfWorkers?: number;
  @ApiPropertyOptional({ example: 'CN2019123ABCDEF' }) @IsOptional() @IsString() openSupplyHubId?: string;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt() @Min(1) @Max(20) tier?: number;
}

export class UpdateFactoryProfileDto extends CommandDto {
  @ApiProperty({ type: FactoryProfileChangesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FactoryProfileChangesDto)
  changes!: FactoryProfileChangesDto;
}
