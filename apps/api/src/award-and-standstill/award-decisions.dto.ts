// Bodies of the award, complaint and signature commands, one class each.
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { CommandDto } from '../commands/command.dto';

export class DecideAwardDto extends CommandDto {
  @ApiProperty({ example: 'bid-dell' }) @IsString() @Length(1, 100) bidId!: string;
  @ApiProperty({
    enum: ['electronic', 'other'],
    description: 'Decides the standstill period (10 or 15 days)',
    example: 'electronic',
  })
  @IsIn(['electronic', 'other'])
  noticeMeans!: 'electronic' | 'other';
  @ApiProperty({ example: 'most economically advantageous tender, social criteria included' })
  @IsString()
  @Length(1, 2000)
  reasons!: string;
}

export class SubmitComplaintDto extends CommandDto {
  @ApiProperty({ example: 'complaint-1' }) @IsString() @Length(1, 100) complaintId!: string;
  @ApiProperty({ example: 'bidder-b' }) @IsString() @Length(1, 200) complainant!: string;
  @ApiProperty({ example: 'the social criterion was scored inconsistently' })
  @IsString()
  @Length(1, 4000)
  grounds!: string;
}

export class ReasonsDto extends CommandDto {
  @ApiProperty({ example: 'the scoring followed the published criteria' })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
}

export class UpholdComplaintDto extends ReasonsDto {
  @ApiProperty({ description: 'Cancel the award and return to evaluation', example: true })
  @IsBoolean()
  cancelAward!: boolean;
}

export class SignContractDto extends CommandDto {
  @ApiProperty({ example: 'scc-dell-2026' }) @IsString() @Length(1, 100) contractId!: string;
}
