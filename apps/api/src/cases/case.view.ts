import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CaseView {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'policy' }) phase!: string;
  @ApiProperty({ example: 'Computers and displays for county hospitals 2026–2030' }) title!: string;
  @ApiProperty({ example: 'electronics' }) productCategory!: string;
  @ApiProperty({ example: ['CN', 'MY'] }) countriesOfProduction!: string[];
  @ApiPropertyOptional({ example: 'high', enum: ['low', 'medium', 'high'] }) riskLevel?: string;
  @ApiProperty({ description: 'Revision of the case stream: pass it as If-Match to act on this state', example: 1 })
  revision!: number;
}
