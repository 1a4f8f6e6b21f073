import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { ConcludeReviewDto, LinkFindingDto, OpenReviewDto, RecordAdjustmentDto } from './reviews.dto';

const BUYER = ['contract_manager', 'compliance_officer'] as const;

/** Stage 5: the buyer's own purchasing practices, reviewed against findings and adjusted. */
@ApiTags('purchasing-practice reviews')
@Controller('purchasing-practice-reviews')
export class PurchasingPracticeReviewsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint('', BUYER, 'Open a review (OpenPurchasingPracticeReview)')
  open(@Body() body: OpenReviewDto, @CommandContext() request: CommandRequest): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('purchasingPracticeReview', body.reviewId, 'OpenPurchasingPracticeReview', body),
    );
  }

  @CommandEndpoint(':reviewId/findings', BUYER, 'Link a finding to a practice (LinkFindingToPurchasingPractice)')
  link(
    @Param('reviewId') reviewId: string,
    @Body() body: LinkFindingDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('purchasingPracticeReview', reviewId, 'LinkFindingToPurchasingPractice', { ...body, reviewId }),
    );
  }

  @CommandEndpoint(':reviewId/adjustments', BUYER, 'Record an adjusted practice (RecordPurchasingPracticeAdjustment)')
  adjust(
    @Param('reviewId') reviewId: string,
    @Body() body: RecordAdjustmentDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('purchasingPracticeReview', reviewId, 'RecordPurchasingPracticeAdjustment', {
        ...body,
        reviewId,
      }),
    );
  }

  @CommandEndpoint(':reviewId/conclusion', BUYER, 'Conclude the review (ConcludePurchasingPracticeReview)')
  conclude(
    @Param('reviewId') reviewId: string,
    @Body() body: ConcludeReviewDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(
      request.command('purchasingPracticeReview', reviewId, 'ConcludePurchasingPracticeReview', { ...body, reviewId }),
    );
  }
}
