// Bodies of the award, complaint and signature commands, one class each.
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { CommandDto } from '../commands/command.dto';
import { EffectiveDate } from '../commands/effective-date.dto';

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
  @EffectiveDate(
    'When the award decision was sent to the tenderers; the standstill runs from the day after',
    '2026-12-22T15:00:00+01:00',
  )
  occurredAt?: string;
}

export class SubmitComplaintDto extends CommandDto {
  @ApiProperty({ example: 'complaint-1' }) @IsString() @Length(1, 100) complaintId!: string;
  @ApiProperty({ example: 'bidder-b' }) @IsString() @Length(1, 200) complainant!: string;
  @ApiProperty({ example: 'the social criterion was scored inconsistently' })
  @IsString()
  @Length(1, 4000)
  grounds!: string;
  @EffectiveDate('When the complaint was received', '2026-12-28T10:30:00+01:00')
  occurredAt?: string;
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
