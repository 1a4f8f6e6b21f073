import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { CommandDto } from '../commands/command.dto';
import { InvalidInputError } from '../errors/request-errors';
import { AssessExclusionGroundDto, exclusionAssessment } from './assess-exclusion-ground.dto';
import {
  AssessLowBidExplanationDto,
  AssessSelfCleaningDto,
  EvaluateBidDto,
  FlagAbnormallyLowBidDto,
  ReplaceSubcontractorDto,
  RequestLowBidExplanationDto,
  SubmitSelfCleaningEvidenceDto,
} from './bid-decisions.dto';
import { SubmitBidDto } from './submit-bid.dto';

const BUYER = ['contract_manager', 'compliance_officer'] as const;

/** Selection and exclusion: bids, Art. 57 exclusion and self-cleaning, Art. 69 low bids, evaluation. */
@ApiTags('bids and exclusion')
@Controller('cases/:caseId')
export class BidsAndExclusionController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint('bids', ['supplier', 'contract_manager'], 'Submit a bid before the deadline (SubmitBid)')
  submitBid(
    @Param('caseId') caseId: string,
    @Body() body: SubmitBidDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    // A supplier bids as itself; a contract manager records a bid received for its bidder, named.
    const supplierId = request.caller.supplierId ?? body.supplierId;
    if (supplierId === undefined)
      throw new InvalidInputError('supplierId: is required when a contract manager records a bid', [
        { field: 'supplierId', reason: 'is required when a contract manager records a bid' },
      ]);
    return this.commands.execute(request.onCase(caseId, 'SubmitBid', { ...body, supplierId }));
  }

  @CommandEndpoint('bidding-closure', ['contract_manager'], 'Close bidding after the deadline (CloseBidding)')
  closeBidding(
    @Param('caseId') caseId: string,
    @Body() body: CommandDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'CloseBidding', body));
  }

  @CommandEndpoint(
    'bids/:bidId/exclusion-assessments',
    BUYER,
    'Assess an exclusion ground, Art. 57 (AssessExclusionGround)',
  )
  assessExclusion(
    @Param('caseId') caseId: string,
    @Param('bidId') bidId: string,
    @Body() body: AssessExclusionGroundDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'AssessExclusionGround', exclusionAssessment(body), { bidId }));
  }

  @CommandEndpoint(
    'bids/:bidId/subcontractor-replacements',
    ['supplier', 'contract_manager'],
    'Replace a subcontractor, Art. 71 (ReplaceSubcontractor)',
  )
  replaceSubcontractor(
    @Param('caseId') caseId: string,
    @Param('bidId') bidId: string,
    @Body() body: ReplaceSubcontractorDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'ReplaceSubcontractor', body, { bidId }));
  }

  @CommandEndpoint(
    'bids/:bidId/self-cleaning-evidence',
    ['supplier'],
    'Submit self-cleaning evidence, Art. 57(6) (SubmitSelfCleaningEvidence)',
  )
  submitSelfCleaning(
    @Param('caseId') caseId: string,
    @Param('bidId') bidId: string,
    @Body() body: SubmitSelfCleaningEvidenceDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'SubmitSelfCleaningEvidence', body, { bidId }));
  }

  @CommandEndpoint('bids/:bidId/self-cleaning-assessment', BUYER, 'Accept or reject self-cleaning (AssessSelfCleaning)')
  assessSelfCleaning(
    @Param('caseId') caseId: string,
    @Param('bidId') bidId: string,
    @Body() body: AssessSelfCleaningDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'AssessSelfCleaning', body, { bidId }));
  }

  @CommandEndpoint(
    'bids/:bidId/abnormally-low-flag',
    ['contract_manager'],
    'Flag an abnormally low bid, Art. 69 (FlagAbnormallyLowBid)',
  )
  flagLowBid(
    @Param('caseId') caseId: string,
    @Param('bidId') bidId: string,
    @Body() body: FlagAbnormallyLowBidDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'FlagAbnormallyLowBid', body, { bidId }));
  }

  @CommandEndpoint(
    'bids/:bidId/low-bid-explanation-request',
    ['contract_manager'],
    'Ask the bidder to explain its price (RequestLowBidExplanation)',
  )
  requestExplanation(
    @Param('caseId') caseId: string,
    @Param('bidId') bidId: string,
    @Body() body: RequestLowBidExplanationDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'RequestLowBidExplanation', body, { bidId }));
  }

  @CommandEndpoint(
    'bids/:bidId/low-bid-explanation-assessment',
    ['contract_manager'],
    'Accept the explanation or reject the bid (AssessLowBidExplanation)',
  )
  assessExplanation(
    @Param('caseId') caseId: string,
    @Param('bidId') bidId: string,
    @Body() body: AssessLowBidExplanationDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'AssessLowBidExplanation', body, { bidId }));
  }

  @CommandEndpoint('bids/:bidId/evaluation', ['contract_manager'], 'Score a bid on every award criterion (EvaluateBid)')
  evaluate(
    @Param('caseId') caseId: string,
    @Param('bidId') bidId: string,
    @Body() body: EvaluateBidDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'EvaluateBid', body, { bidId }));
  }
}
