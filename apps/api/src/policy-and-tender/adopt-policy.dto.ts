import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsString, Length } from 'class-validator';
import { CommandDto } from '../commands/command.dto';

export class AdoptPolicyDto extends CommandDto {
  @ApiProperty({ description: 'The buyer’s policy commitment document', example: 'scc-code-of-conduct-2012' })
  @IsString()
  @Length(1, 200)
  policyRef!: string;

  @ApiProperty({
    example: ['ILO C29', 'ILO C87', 'ILO C98', 'ILO C100', 'ILO C105', 'ILO C111', 'ILO C138', 'ILO C182'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  codeOfConductStandards!: string[];

  @ApiProperty({ description: 'The code also requires the law of the country of production', example: true })
  @IsBoolean()
  includesLawOfCountryOfProduction!: boolean;
}
