import {
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Query,
  Req,
  Sse,
  SseSignal,
  type MessageEvent,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { RecordsRead } from '../audit/confidential-reads';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import { READERS, type Caller } from '../auth/roles';
import { bidProjection, caseProjection, caseTimelineProjection } from '@pj/projections';
import { CaseEventStream, LiveStreamsFullException } from './case-event-stream';
import { CaseBoard, caseList, CaseTimeline, ListCasesParams, TimelineParams, timelineList } from './case.views';
import { GetCaseTimelineQuery } from './get-case-timeline.query';
import { ListCasesQuery } from './list-cases.query';
import { ListEndpoint } from './lists/list-endpoint';
import { ReadsFrom } from './log-position';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseReadsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly events: CaseEventStream,
  ) {}

  @Get()
  @AllowRoles(...READERS, 'supplier')
  @ReadsFrom(caseProjection, bidProjection)
  @ListEndpoint(caseList, {
    type: CaseBoard,
    description:
      'The case board of the caller’s organisation; a supplier’s: tenders open for bids and the cases it bid on or holds',
  })
  list(@Query() params: ListCasesParams, @CurrentCaller() caller: Caller): Promise<CaseBoard> {
    return this.queries.execute(new ListCasesQuery(params, caller));
  }

  @Get(':caseId/timeline')
  @AllowRoles(...READERS)
  // The whole case: its findings' evidence and its grievances' testimony too.
  @RecordsRead('case-history')
  @ReadsFrom(caseProjection, caseTimelineProjection)
  @ListEndpoint(timelineList, { type: CaseTimeline, description: 'Who did what, when and why, oldest first' })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  timeline(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() params: TimelineParams,
    @CurrentCaller() caller: Caller,
  ): Promise<CaseTimeline> {
    return this.queries.execute(new GetCaseTimelineQuery(caseId, params, caller));
  }

  @Sse(':caseId/events')
  @AllowRoles(...READERS)
  @ReadsFrom() // the log itself
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this log position (the id of the last event received)',
    example: '1042/3318',
  })
  @ApiOkResponse({
    description:
      'Server-Sent Events: the case’s events so far (after Last-Event-ID), then each new one as it is recorded. ' +
      '`id` is the log position, `event` the event type. A `: heartbeat` comment line comes every ' +
      'LIVE_HEARTBEAT_SECONDS; a stream that stops sends `event: error` with `{"reason": …}` and keeps ' +
      'the last id, so the client resumes with Last-Event-ID.',
    content: {
      'text/event-stream': {
        example:
          'id: 1042/3318\nevent: RiskScreened\ndata: {"revision":1,"type":"RiskScreened","data":{"riskLevel":"high"},' +
          '"actor":{"id":"risk-screening:stockholm-county-council/3f9a…","role":"workflow"},"recordedAt":"2026-03-01T09:00:01.000Z",' +
          '"eventId":"…","causationId":"…","position":"1042/3318"}\n\n',
      },
    },
  })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  @ApiResponse({
    status: 503,
    description: 'Too many live-update streams are open (LIVE_STREAMS_MAX); see Retry-After',
  })
  async live(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @CurrentCaller() caller: Caller,
    @SseSignal() ended: AbortSignal,
    @Req() request: { res?: { setHeader(name: string, value: string): unknown } },
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    try {
      return await this.events.stream(caseId, caller, lastEventId, ended);
    } catch (error) {
      if (error instanceof LiveStreamsFullException)
        request.res?.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
