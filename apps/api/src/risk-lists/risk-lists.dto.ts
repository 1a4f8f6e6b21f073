import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Length } from 'class-validator';
import { CommandDto } from '../commands/command.dto';

export class ImportRiskListDto extends CommandDto {
  @ApiProperty({ example: 'US Department of Labor, List of Goods Produced by Child Labor or Forced Labor' })
  @IsString()
  @Length(1, 500)
  source!: string;
  @ApiProperty({ example: '2024-09-05', description: 'The date the source published this edition' })
  @IsISO8601({ strict: true })
  publishedOn!: string;
  @ApiProperty({
    description:
      'The list as CSV: a header row, then one entry a row. Columns cpv_code, category, synonyms (separated by ;), ' +
      'country (ISO 3166-1 alpha-2 or any), level (low, medium, high), harm; country and level are required, and ' +
      'each row names a CPV code or a category; at most 100 000 characters (the request body limit). A bad row is 400, naming its row (the header is row 1) and column.',
    example: 'cpv_code,category,synonyms,country,level,harm\n30200000-1,Electronics,laptops,CN,high,forced labor\n',
  })
  @IsString()
  @Length(1, 100_000)
  csv!: string;
}
