import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsIn, IsObject, IsString, Length } from 'class-validator';
import { CommandDto } from '../commands/command.dto';
import type { PurchasingPractice } from '@pj/domain';

const PRACTICES = ['price', 'lead_time', 'payment_terms', 'order_changes'];

export class OpenReviewDto extends CommandDto {
  @ApiProperty({ example: 'review-2026-1' }) @IsString() @Length(1, 100) reviewId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) @IsString() @Length(1, 100) caseId!: string;
  @ApiProperty({ example: ['danwatch-f-shenzhen-1'] }) @IsArray() @IsString({ each: true }) findingIds!: string[];
  @ApiProperty({ example: 'did our lead times cause the overtime?' }) @IsString() @Length(1, 2000) scope!: string;
}

export class LinkFindingDto extends CommandDto {
  @ApiProperty({ example: 'danwatch-f-shenzhen-1' }) @IsString() @Length(1, 100) findingId!: string;
  @ApiProperty({ enum: PRACTICES, example: 'lead_time' }) @IsIn(PRACTICES) practice!: PurchasingPractice;
  @ApiProperty({ example: 'orders placed with 10-day lead times in peak season' })
  @IsString()
  @Length(1, 4000)
  observation!: string;
}

export class RecordAdjustmentDto extends CommandDto {
  @ApiProperty({ example: 'adjustment-1' }) @IsString() @Length(1, 100) adjustmentId!: string;
  @ApiProperty({ enum: PRACTICES, example: 'lead_time' }) @IsIn(PRACTICES) practice!: PurchasingPractice;
  @ApiProperty({ example: '10 days' }) @IsString() @Length(1, 1000) before!: string;
  @ApiProperty({ example: '30 days' }) @IsString() @Length(1, 1000) after!: string;
  @ApiProperty({ example: 'short lead times forced overtime' }) @IsString() @Length(1, 4000) reasons!: string;
}

export class ConcludeReviewDto extends CommandDto {
  @ApiProperty({ example: 'lead times lengthened; prices unchanged' }) @IsString() @Length(1, 4000) conclusion!: string;
  @ApiProperty({
    description: 'Why each linked practice not adjusted was left as is',
    example: { price: 'price was not a cause' },
  })
  @IsObject()
  reasonsNotAdjusted!: Record<string, string>;
}
