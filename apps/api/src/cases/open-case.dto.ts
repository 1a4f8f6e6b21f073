import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CommandDto } from '../commands/command.dto';

export class OpenCaseDto extends CommandDto {
  @ApiPropertyOptional({
    description: 'Case id; derived from the command id when omitted, so a retried request opens the same case',
    example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({ example: 'Computers and displays for county hospitals 2026–2030' })
  @IsString()
  @Length(3, 200)
  title!: string;

  @ApiProperty({ description: 'Product category as named on high-risk lists', example: 'electronics' })
  @IsString()
  @Length(2, 100)
  productCategory!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 codes', example: ['CN', 'MY'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each country must be an ISO 3166-1 alpha-2 code such as "CN"' })
  countriesOfProduction!: string[];
}
