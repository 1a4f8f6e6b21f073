import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { findingProjection, purchasingPracticeReviewProjection, supplyStandstillProjection } from '@pj/projections';
import { RecordsRead } from '../audit/confidential-reads';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller, type Role } from '../auth/roles';
import {
  FindingDetail,
  findingList,
  FindingPage,
  ListFindingsParams,
  ListRemediesParams,
  remedyList,
  RemedyPage,
} from './finding.views';
import { GetFindingQuery } from './get-finding.query';
import { ListEndpoint } from './lists/list-endpoint';
import { ItemQuery, ListQuery } from './lists/list.query';
import { ReadsFrom } from './log-position';
import {
  ListReviewsParams,
  reviewList,
  PurchasingPracticeReviewPage,
  PurchasingPracticeReviewView,
} from './purchasing-practice-review.views';
import { ListStandstillsParams, standstillList, StandstillPage, StandstillView } from './supply-standstill.views';

/** Buyers read all of their organisation's; suppliers and monitors their own part (each list's `parties`). */
const WITH_PARTIES: readonly Role[] = [...READERS, 'supplier', 'monitor'];

/**
 * Read models of remedy: findings with their plans, remedies and verification; supply standstills;
 * purchasing-practice reviews. Only the caller's organisation's own: another buyer's shared
 * findings show on the factory's page (`GET /factories/{factoryId}`).
 */
@ApiTags('read models')
@ApiBearerAuth()
@Controller()
export class RemedyReadsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('findings')
  @AllowRoles(...WITH_PARTIES)
  @ReadsFrom(findingProjection)
  @ListEndpoint(findingList, {
    type: FindingPage,
    description:
      'Findings of the caller’s organisation, newest first; a supplier’s: about its factories or asked of it; ' +
      'a monitor’s: at its assigned factories',
  })
  findings(@Query() params: ListFindingsParams, @CurrentCaller() caller: Caller): Promise<FindingPage> {
    return this.queries.execute(new ListQuery(findingList, params, caller));
  }

  @Get('findings/:findingId')
  @AllowRoles(...WITH_PARTIES)
  @RecordsRead('finding-evidence')
  @ReadsFrom(findingProjection)
  @ApiParam({ name: 'findingId', example: 'danwatch-f-shenzhen-1' })
  @ApiOkResponse({
    type: FindingDetail,
    description: 'A finding with its breach, corrective action plan, remedies, remediation, verification and end',
  })
  @ApiResponse({ status: 404, description: 'No such finding for the caller' })
  finding(@Param('findingId') findingId: string, @CurrentCaller() caller: Caller): Promise<FindingDetail> {
    return this.queries.execute(new GetFindingQuery(findingId, caller));
  }

  @Get('remedies')
  @AllowRoles(...WITH_PARTIES)
  @ReadsFrom(findingProjection)
  @ListEndpoint(remedyList, {
    type: RemedyPage,
    description: 'Remedies to workers recorded on the findings the caller may see, newest first',
  })
  remedies(@Query() params: ListRemediesParams, @CurrentCaller() caller: Caller): Promise<RemedyPage> {
    return this.queries.execute(new ListQuery(remedyList, params, caller));
  }

  @Get('supply-standstills')
  @AllowRoles(...WITH_PARTIES)
  @ReadsFrom(supplyStandstillProjection)
  @ListEndpoint(standstillList, {
    type: StandstillPage,
    description:
      'Supply standstills of the caller’s organisation, newest first; a supplier’s: imposed on it; ' +
      'a monitor’s: at its assigned factories',
  })
  standstills(@Query() params: ListStandstillsParams, @CurrentCaller() caller: Caller): Promise<StandstillPage> {
    return this.queries.execute(new ListQuery(standstillList, params, caller));
  }

  @Get('supply-standstills/:standstillId')
  @AllowRoles(...WITH_PARTIES)
  @ReadsFrom(supplyStandstillProjection)
  @ApiParam({ name: 'standstillId', example: 'breach-danwatch-f-shenzhen-1' })
  @ApiOkResponse({
    type: StandstillView,
    description: 'A supply standstill: who imposed it and who lifted it, and why',
  })
  @ApiResponse({ status: 404, description: 'No such supply standstill for the caller' })
  standstill(@Param('standstillId') standstillId: string, @CurrentCaller() caller: Caller): Promise<StandstillView> {
    return this.queries.execute(new ItemQuery(standstillList, standstillId, caller, 'supplyStandstill'));
  }

  @Get('purchasing-practice-reviews')
  @AllowRoles(...READERS)
  @ReadsFrom(purchasingPracticeReviewProjection)
  @ListEndpoint(reviewList, {
    type: PurchasingPracticeReviewPage,
    description: 'The organisation’s reviews of its own purchasing practices, newest first',
  })
  reviews(@Query() params: ListReviewsParams, @CurrentCaller() caller: Caller): Promise<PurchasingPracticeReviewPage> {
    return this.queries.execute(new ListQuery(reviewList, params, caller));
  }

  @Get('purchasing-practice-reviews/:reviewId')
  @AllowRoles(...READERS)
  @ReadsFrom(purchasingPracticeReviewProjection)
  @ApiParam({ name: 'reviewId', example: 'review-2026-lead-times' })
  @ApiOkResponse({
    type: PurchasingPracticeReviewView,
    description: 'A purchasing-practice review: findings linked to practices, adjustments, conclusion',
  })
  @ApiResponse({ status: 404, description: 'No such review in the caller’s organisation' })
  review(@Param('reviewId') reviewId: string, @CurrentCaller() caller: Caller): Promise<PurchasingPracticeReviewView> {
    return this.queries.execute(new ItemQuery(reviewList, reviewId, caller, 'purchasingPracticeReview'));
  }
}
