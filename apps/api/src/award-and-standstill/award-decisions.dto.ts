// Bodies of the award, complaint and signature commands, one class each.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CommandDto } from '../commands/command.dto';

/**
 * An effective date: when a fact from outside happened, if not at the request. An instant with its
 * offset; at most five minutes ahead of the engine's clock, never before what it answers. A date
 * in the past is recorded as backdated (by whom, how far back).
 */
export function EffectiveDate(what: string, example: string) {
  return applyDecorators(
    ApiPropertyOptional({
      description: `${what}, if not now: an ISO-8601 instant with its offset. Earlier than now is recorded as backdated; later than now (beyond five minutes of clock skew) is refused (422 effective_date.in_future)`,
      example,
    }),
    IsOptional(),
    IsISO8601({ strict: true }),
    Matches(/T\d{2}:\d{2}/, {
      message: 'occurredAt must be an instant with a time of day, e.g. 2026-12-22T15:00:00+01:00',
    }),
  );
}

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
