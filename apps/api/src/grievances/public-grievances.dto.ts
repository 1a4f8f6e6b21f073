// The public grievance page's bodies and answers: what a worker sends, and all they are told back.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MOST_PEOPLE } from '@pj/domain';
import { GRIEVANCE_STATUSES } from '../read-models/grievance.views';

export class FileGrievanceDto {
  @ApiProperty({
    description: 'The buyer the grievance is for, as on the link or poster the buyer gave the factory',
    example: 'stockholm-county-council',
  })
  @IsString()
  @Length(1, 100)
  organisationId!: string;

  @ApiProperty({ description: 'The factory, as on the same link or poster', example: 'f-shenzhen-1' })
  @IsString()
  @Length(1, 100)
  factoryId!: string;

  @ApiProperty({ example: 'overtime unpaid for three months on line 4' })
  @IsString()
  @Length(1, 8000)
  allegation!: string;

  @ApiProperty({ description: 'About how many workers it concerns', example: 40 })
  @IsInt()
  @Min(1)
  @Max(MOST_PEOPLE)
  workersConcerned!: number;

  @ApiPropertyOptional({
    description: 'Someone is in danger or being hurt now: the grievance goes straight to a compliance officer',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;
}

export class GrievanceFiledView {
  @ApiProperty({
    description: 'The only way back to the grievance: shown once, stored nowhere (only its SHA-256 is kept)',
    example: '7K3M-Q9XD-2HTR-WB5N-C8FE',
  })
  receiptCode!: string;
  @ApiProperty({ example: '2026-03-02T09:00:00.000Z' }) submittedAt!: string;
  @ApiPropertyOptional({
    description: 'Send as Min-Log-Position with the status read to see the grievance at once',
    example: '7421/153',
  })
  position?: string;
}

/** Where the grievance stands, and when: nothing about who handles it, the factory or anyone else. */
export class GrievanceReceiptStatusView {
  @ApiProperty({ enum: GRIEVANCE_STATUSES, example: 'acknowledged' }) status!: string;
  @ApiProperty({ example: '2026-03-02T09:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ description: 'The buyer acknowledges the grievance by then', example: '2026-03-09T09:00:00.000Z' })
  acknowledgeBy!: string;
  @ApiPropertyOptional({ example: '2026-03-04T10:00:00.000Z', nullable: true, type: String })
  acknowledgedAt!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) closedAt!: string | null;
}
