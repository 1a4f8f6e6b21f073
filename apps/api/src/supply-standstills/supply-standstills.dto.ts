import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { CommandDto } from '../commands/command.dto';

export class ImposeSupplyStandstillDto extends CommandDto {
  @ApiProperty({ example: 'scc-f-shenzhen-1' }) @IsString() @Length(1, 100) standstillId!: string;
  @ApiProperty({ example: 'f-shenzhen-1' }) @IsString() @Length(1, 100) factoryId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) @IsString() @Length(1, 100) caseId!: string;
  @ApiProperty({ example: 'dell' }) @IsString() @Length(1, 100) contractorId!: string;
  @ApiProperty({ example: ['danwatch-f-shenzhen-1'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  findingIds!: string[];
  @ApiProperty({ example: 'breaches documented by DanWatch not shown to be rectified' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
}

export class LiftSupplyStandstillDto extends CommandDto {
  @ApiProperty({ example: 'remediation verified by independent monitoring' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
}
