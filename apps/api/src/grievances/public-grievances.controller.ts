import { Body, Controller, Get, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { grievanceProjection } from '@pj/projections';
import type { CommandMetadata } from '@pj/domain';
import { buyerCalendarOf, type BuyerCalendars } from '@pj/config';
import { BUYER_CALENDARS, CLOCK } from '../infrastructure/tokens';
import { randomUUID } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import type { CommandAccepted } from '../commands/command-accepted';
import { DomainCommand } from '../commands/domain-command.command';
import { InvalidInputError } from '../errors/request-errors';
import { CorrelationId } from '../logging/request-log';
import { ReadsFrom } from '../read-models/log-position';
import { GrievanceReceiptStatusQuery } from './grievance-receipt-status.query';
import { FileGrievanceDto, GrievanceFiledView, GrievanceReceiptStatusView } from './public-grievances.dto';
import { newReceiptCode, receiptDigest } from './receipt-code';

/** The header the receipt code is read from: kept out of the URL, so out of histories and any access log. */
export const RECEIPT_HEADER = 'Grievance-Receipt';

/**
 * Days within which a grievance filed on the public page is acknowledged. The buyer's own policy
 * is given with each grievance staff take in; the public page has no buyer's setting to read, so
 * it promises the week staff give most often.
 */
export const PUBLIC_ACKNOWLEDGE_WITHIN_DAYS = 7;

/**
 * The workers' own door, without sign-in: a worker files an anonymous grievance and gets a receipt
 * code, then follows its status with that code alone. Nothing about the sender is taken: no
 * token, no name, no address; its request log line has no client address (logging/request-log.ts),
 * and the command carries fresh random ids (command and correlation), so nothing links two
 * requests of one worker.
 */
@ApiTags('workers')
@Controller('public/grievances')
export class PublicGrievancesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(BUYER_CALENDARS) private readonly calendars: BuyerCalendars,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiOperation({
    summary: 'File an anonymous grievance, without sign-in (SubmitGrievance, channel online_form)',
    description:
      'Open to everyone. The grievance is anonymous, recorded as taken in by the role `worker` and the id ' +
      '`anonymous`; the answer’s receipt code is the only way back to it and is stored only as its SHA-256.',
  })
  @ApiCreatedResponse({ type: GrievanceFiledView, description: 'Filed: keep the receipt code' })
  @ApiResponse({ status: 400, description: 'A field is missing or malformed (problem details name it)' })
  @ApiResponse({ status: 422, description: 'No such factory in the registry (`reference.not_found`), or a rule' })
  async file(
    @Body() body: FileGrievanceDto,
    // Fresh for each request at this door (request-log.ts): it links nothing of the sender's.
    @CorrelationId() correlationId: string | undefined,
  ): Promise<GrievanceFiledView> {
    const receiptCode = newReceiptCode();
    const grievanceId = `grievance-${randomUUID()}`;
    const now = this.clock().toISOString();
    const metadata: CommandMetadata = {
      commandId: `${encodeURIComponent(body.organisationId)}:${randomUUID()}`,
      now,
      actor: { id: 'anonymous', role: 'worker' },
      organisationId: body.organisationId,
      // The acknowledgement period counts in the buyer's calendar, as for a grievance an intake files.
      calendar: buyerCalendarOf(this.calendars, body.organisationId),
    };
    const accepted: CommandAccepted = await this.commands.execute(
      new DomainCommand(
        'grievance',
        grievanceId,
        {
          type: 'SubmitGrievance',
          data: {
            grievanceId,
            factoryId: body.factoryId,
            channel: 'online_form',
            anonymous: true,
            allegation: body.allegation,
            workersConcerned: body.workersConcerned,
            severity: body.urgent ? 'high' : 'medium',
            acknowledgeWithinDays: PUBLIC_ACKNOWLEDGE_WITHIN_DAYS,
            receiptDigest: receiptDigest(receiptCode),
          },
          metadata,
        },
        { access: { organisationId: body.organisationId }, ...(correlationId ? { correlationId } : {}) },
      ),
    );
    return { receiptCode, submittedAt: now, ...(accepted.position ? { position: accepted.position } : {}) };
  }

  @Get('status')
  @Public()
  @ReadsFrom(grievanceProjection)
  @ApiOperation({
    summary: 'Where a grievance stands, by its receipt code, without sign-in',
    description:
      'Open to everyone; the code (100 random bits) is what opens it. The answer is the status and its dates, ' +
      'nothing about the factory, the buyer or the people handling it.',
  })
  @ApiHeader({
    name: RECEIPT_HEADER,
    required: true,
    description: 'The receipt code',
    example: '7K3M-Q9XD-2HTR-WB5N-C8FE',
  })
  @ApiOkResponse({ type: GrievanceReceiptStatusView, description: 'The grievance’s status and dates' })
  @ApiResponse({ status: 400, description: `No ${RECEIPT_HEADER} header` })
  @ApiResponse({ status: 404, description: 'No grievance has this receipt code' })
  status(@Headers(RECEIPT_HEADER.toLowerCase()) code: string | undefined): Promise<GrievanceReceiptStatusView> {
    if (!code)
      throw new InvalidInputError(`the ${RECEIPT_HEADER} header carries the receipt code`, [
        { field: RECEIPT_HEADER, reason: 'is required' },
      ]);
    return this.queries.execute(new GrievanceReceiptStatusQuery(code));
  }
}
