import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  Sse,
  StreamableFile,
  type MessageEvent,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import type { OcdsOptions } from '@pj/audit';
import { apiPath } from '../api-prefix';
import { AllowRoles, CurrentCaller } from '../auth/auth.decorators';
import type { Caller, Role } from '../auth/roles';
import { InvalidInputError } from '../errors/request-errors';
import { ListEndpoint } from '../read-models/lists/list-endpoint';
import type { AuditJob } from './audit-job-store';
import { AuditJobs } from './audit-jobs';
import { AuditTrail, type Download } from './audit-trail';
import {
  AuditJobView,
  CausationStepView,
  ConfidentialReadPage,
  DiffQuery,
  ExportQuery,
  ListConfidentialReadsParams,
  pointOf,
  PointQuery,
  StartExportDto,
  StateAtView,
  StateDifferenceView,
  VerificationView,
} from './audit.dto';
import { ConfidentialReadLog, confidentialReadList, RecordsRead } from './confidential-reads';

/**
 * Auditors only. Compliance officers act on what auditors check (they triage grievances, confirm
 * breaches, sanction), and the record of confidential reads watches them too: separation of duties.
 */
const AUDITORS: readonly Role[] = ['auditor'];

const jobView = (job: AuditJob): AuditJobView => ({
  jobId: job.jobId,
  kind: job.kind,
  parameters: job.parameters,
  status: job.status,
  percent: job.percent,
  summary: job.summary,
  error: job.error,
  requestedBy: job.requestedBy,
  createdAt: job.createdAt,
  finishedAt: job.finishedAt,
  eventsUrl: apiPath(`/audit/jobs/${job.jobId}/events`),
  resultUrl: job.status === 'succeeded' ? apiPath(`/audit/jobs/${job.jobId}/result`) : null,
});

const CASE_ID = ApiParam({ name: 'caseId', format: 'uuid', example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' });
const JOB_ID = ApiParam({ name: 'jobId', format: 'uuid', example: '5b1d0a8e-3f61-4c8e-9f0e-8e2a1f6b7c90' });
const EVENT_ID = ApiParam({ name: 'eventId', format: 'uuid', example: '9b2c41d7-0f3e-4a61-8d2a-6c1e5f7a9b30' });

const attachment = (fileName: string) => `attachment; filename="${fileName}"`;
const download = ({ body, mediaType, fileName }: Download) =>
  new StreamableFile(Buffer.from(body, 'utf8'), { type: mediaType, disposition: attachment(fileName) });
const ocdsOptions = (query: ExportQuery): OcdsOptions => (query.ocidPrefix ? { ocidPrefix: query.ocidPrefix } : {});
const DOWNLOAD_TYPES = ['application/x-ndjson', 'application/json'];

interface Response {
  setHeader(name: string, value: string): unknown;
}

/** Replay, diff, causation, verification and export over HTTP: the CLI's toolkit, for the caller's organisation. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrail,
    private readonly jobs: AuditJobs,
    private readonly reads: ConfidentialReadLog,
  ) {}

  @Get('cases/:caseId/state')
  @AllowRoles(...AUDITORS)
  @CASE_ID
  @RecordsRead('case-history')
  @ApiOperation({ summary: 'Replay a case to a revision or an instant (the folded state)' })
  @ApiOkResponse({ type: StateAtView })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  state(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() query: PointQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<StateAtView> {
    return this.trail.stateAt(caller, caseId, pointOf(query.revision, query.at)) as Promise<StateAtView>;
  }

  @Get('cases/:caseId/diff')
  @AllowRoles(...AUDITORS)
  @CASE_ID
  @RecordsRead('case-history')
  @ApiOperation({ summary: 'What changed in a case between two moments (revisions or instants)' })
  @ApiOkResponse({ type: StateDifferenceView })
  @ApiResponse({ status: 400, description: 'No starting point (fromRevision or fromAt)' })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  async diff(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() query: DiffQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<StateDifferenceView> {
    if (query.fromRevision === undefined && query.fromAt === undefined)
      throw new InvalidInputError('give where the difference starts: fromRevision or fromAt', [
        { field: 'fromRevision', reason: 'fromRevision or fromAt is required' },
      ]);
    return (await this.trail.diff(
      caller,
      caseId,
      pointOf(query.fromRevision, query.fromAt),
      pointOf(query.toRevision, query.toAt),
    )) as unknown as StateDifferenceView;
  }

  @Get('events/:eventId/causation')
  @AllowRoles(...AUDITORS)
  @EVENT_ID
  @RecordsRead('case-history')
  @ApiOperation({
    summary: 'The causation chain of an event: the event, what caused it, and so on up to a person’s request',
  })
  @ApiOkResponse({ type: [CausationStepView] })
  @ApiResponse({ status: 404, description: 'No such event in the caller’s organisation' })
  causation(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<CausationStepView[]> {
    return this.trail.causation(caller, eventId) as Promise<CausationStepView[]>;
  }

  @Get('cases/:caseId/verification')
  @AllowRoles(...AUDITORS)
  @CASE_ID
  @ApiOperation({ summary: 'Verify a case’s hash chain and its place in the newest signed head, now' })
  @ApiOkResponse({ type: VerificationView, description: '`ok: false` names each issue by stream and revision' })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  verifyCase(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<VerificationView> {
    return this.trail.verifyCase(caller, caseId) as Promise<VerificationView>;
  }

  @Get('cases/:caseId/export')
  @AllowRoles(...AUDITORS)
  @CASE_ID
  @RecordsRead('audit-export')
  @ApiOperation({ summary: 'Download a case as JSON Lines, an OCDS release package or an OCDS record package' })
  @ApiProduces(...DOWNLOAD_TYPES)
  @ApiOkResponse({
    description: 'An attachment: one event per line (application/x-ndjson), or the OCDS package (application/json)',
    content: {
      'application/x-ndjson': {
        example: '{"streamId":"procurement-case-…","revision":0,"type":"CaseOpened","data":{…},"metadata":{…}}\n',
      },
    },
  })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  async exportCase(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() query: ExportQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<StreamableFile> {
    return download(await this.trail.exportCase(caller, caseId, query.format ?? 'jsonl', ocdsOptions(query)));
  }

  @Post('verifications')
  @HttpCode(202)
  @AllowRoles(...AUDITORS)
  @ApiOperation({
    summary: 'Verify every stream of the organisation and its newest signed head, as a job',
    description: 'Starts a job and records nothing in the event store; the report is the job’s result.',
  })
  @ApiAcceptedResponse({ type: AuditJobView, description: 'The job; Location is where to follow it' })
  async startVerification(
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditJobView> {
    const job = await this.jobs.start(caller, 'verification', { scope: 'organisation' }, async (onPercent) => {
      const verification = await this.trail.verifyOrganisation(caller, onPercent);
      return {
        summary: {
          ok: verification.ok,
          eventsChecked: verification.eventsChecked,
          streamsChecked: verification.streamsChecked,
          issues: verification.issues.length,
        },
        body: `${JSON.stringify({ scope: caller.organisationId, ...verification }, null, 2)}\n`,
        mediaType: 'application/json',
        fileName: `verification-${Date.now()}.json`,
      };
    });
    response.setHeader('Location', apiPath(`/audit/jobs/${job.jobId}`));
    return jobView(job);
  }

  @Post('exports')
  @HttpCode(202)
  @AllowRoles(...AUDITORS)
  @ApiOperation({
    summary: 'Export a case or the whole organisation as JSON Lines or an OCDS package, as a job',
    description: 'Starts a job and records nothing in the event store; the export is the job’s result.',
  })
  @ApiAcceptedResponse({ type: AuditJobView, description: 'The job; Location is where to follow it' })
  @ApiResponse({ status: 400, description: 'An unknown format, or a malformed case id or ocid prefix' })
  @ApiResponse({ status: 404, description: 'No such case in the caller’s organisation' })
  async startExport(
    @Body() body: StartExportDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditJobView> {
    const format = body.format ?? 'jsonl';
    const { caseId } = body;
    // A missing case is refused now, not as a failed job.
    if (caseId !== undefined) await this.trail.requireCase(caller, caseId);
    const job = await this.jobs.start(
      caller,
      'export',
      { scope: caseId ? 'case' : 'organisation', format, ...(caseId ? { caseId } : {}) },
      async (onPercent) => {
        const exported = caseId
          ? await this.trail.exportCase(caller, caseId, format, ocdsOptions(body))
          : await this.trail.exportOrganisation(caller, format, ocdsOptions(body), onPercent);
        return { ...exported, summary: { characters: exported.body.length } };
      },
    );
    response.setHeader('Location', apiPath(`/audit/jobs/${job.jobId}`));
    return jobView(job);
  }

  @Get('jobs/:jobId')
  @AllowRoles(...AUDITORS)
  @JOB_ID
  @ApiOperation({ summary: 'Where a job stands: status, progress, and its result’s address once done' })
  @ApiOkResponse({ type: AuditJobView })
  @ApiResponse({ status: 404, description: 'No such job in the caller’s organisation' })
  async job(@Param('jobId', new ParseUUIDPipe()) jobId: string, @CurrentCaller() caller: Caller) {
    return jobView(await this.jobs.get(caller, jobId));
  }

  @Sse('jobs/:jobId/events')
  @AllowRoles(...AUDITORS)
  @JOB_ID
  @ApiOperation({ summary: 'A job’s progress as Server-Sent Events, until it ends' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      '`event: progress` with `{"status":"running","percent":40}` on each change, then `event: succeeded` or ' +
      '`event: failed` with the job, and the stream ends.',
    content: {
      'text/event-stream': {
        example:
          'event: progress\ndata: {"status":"running","percent":40}\n\nevent: succeeded\ndata: {"jobId":"…"}\n\n',
      },
    },
  })
  @ApiResponse({ status: 404, description: 'No such job in the caller’s organisation' })
  async jobEvents(
    @Param('jobId', new ParseUUIDPipe()) jobId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<Observable<MessageEvent>> {
    return this.jobs.progressEvents(caller, jobId);
  }

  @Get('jobs/:jobId/result')
  @AllowRoles(...AUDITORS)
  @JOB_ID
  @RecordsRead('audit-export')
  @ApiOperation({ summary: 'Download a finished job’s result (a verification report or an export)' })
  @ApiProduces(...DOWNLOAD_TYPES)
  @ApiOkResponse({
    description: 'An attachment, streamed: a verification report (application/json) or the export',
    content: {
      'application/json': {
        example: {
          scope: 'stockholm-county-council',
          ok: false,
          eventsChecked: 1042,
          streamsChecked: 37,
          issues: [{ kind: 'changed', streamId: 'procurement-case-stockholm-county-council/3f9a…', revision: 1 }],
          headsChecked: [],
        },
      },
      'application/x-ndjson': {
        example: '{"streamId":"procurement-case-…","revision":0,"type":"CaseOpened","data":{…},"metadata":{…}}\n',
      },
    },
  })
  @ApiResponse({ status: 404, description: 'No such job in the caller’s organisation' })
  @ApiResponse({ status: 409, description: 'The job is still running, or failed' })
  async jobResult(
    @Param('jobId', new ParseUUIDPipe()) jobId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<StreamableFile> {
    const { job, body } = await this.jobs.result(caller, jobId);
    return new StreamableFile(body, {
      type: job.resultMediaType ?? 'application/octet-stream',
      disposition: attachment(job.resultFileName ?? `job-${job.jobId}`),
    });
  }

  @Get('confidential-reads')
  @AllowRoles(...AUDITORS)
  @ApiOperation({ summary: 'Who read confidential material of the organisation, what and when; newest first' })
  @ListEndpoint(confidentialReadList, { type: ConfidentialReadPage, description: 'The record of confidential reads' })
  confidentialReads(
    @Query() params: ListConfidentialReadsParams,
    @CurrentCaller() caller: Caller,
  ): Promise<ConfidentialReadPage> {
    return this.reads.list(caller, params);
  }
}
