import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import { processManagerMaxLag } from '@pj/config';
import { SqlCheckpointStore, type EventStore, type SqlDriver } from '@pj/event-store';
import { eventsAfter, type ProjectionRunner } from '@pj/projections';
import { PROCESS_MANAGER_SUBSCRIBER } from '../../../worker/src/process-manager/process-manager';
import { Public } from '../auth/auth.decorators';
import { TEMPORAL_DEADLINE_MS, withTemporalDeadline } from '../commands/temporal-client';
import { RETRY_AFTER_SECONDS } from '../errors/problem-details.filter';
import { EVENT_STORE, PROJECTIONS, READ_MODELS, TEMPORAL_CLIENT } from '../infrastructure/tokens';

const example = {
  status: 'ok',
  eventStore: 'up',
  temporal: 'up',
  processManager: { lag: 0, maxLag: 500 },
  projections: [{ name: 'cases', lag: 0, caughtUp: true }],
  parkedEvents: [],
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly maxProcessManagerLag = processManagerMaxLag();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(READ_MODELS) private readonly readModels: SqlDriver,
    @Optional() @Inject(TEMPORAL_CLIENT) private readonly temporal?: Client,
  ) {}

  /**
   * 200 `ok` when the store and Temporal answer, no projection is failing and the process manager
   * is at most `maxLag` events behind; otherwise 503 `degraded` with Retry-After and `reasons`.
   * Every dependency is asked with a deadline, so the answer comes within seconds.
   */
  @Get()
  @Public()
  @ApiOkResponse({ description: 'Everything works (lag = events not yet handled)', example })
  @ApiResponse({
    status: 503,
    description: 'Unavailable: the event store or Temporal is down, or the process manager lags',
    example: { ...example, status: 'degraded', temporal: 'down', reasons: ['temporal is down'] },
  })
  async check(
    @Res({ passthrough: true }) response: { status(code: number): void; setHeader(n: string, v: string): void },
  ) {
    const temporalClient = this.temporal;
    const [eventStore, temporal, lag, processManagerLag] = await Promise.all([
      this.store
        .readAll({ maxCount: 1 })
        .then(() => 'up' as const)
        .catch(() => 'down' as const),
      temporalClient
        ? withTemporalDeadline(temporalClient, TEMPORAL_DEADLINE_MS.health, () =>
            temporalClient.workflowService.getSystemInfo({}),
          )
            .then(() => 'up' as const)
            .catch(() => 'down' as const)
        : Promise.resolve('not configured' as const),
      this.projections.lag().catch(() => ({}) as Record<string, number>),
      new SqlCheckpointStore(this.readModels)
        .read(PROCESS_MANAGER_SUBSCRIBER)
        .then((position) => eventsAfter(this.readModels, position))
        .catch(() => null),
    ]);
    const projections = this.projections.status().map(({ name, caughtUp, error }) => ({
      name,
      lag: lag[name] ?? null,
      caughtUp,
      ...(error ? { error } : {}),
    }));
    // Events a projection could not apply and set aside: its read model misses them until a rebuild.
    const parkedEvents = (await this.projections.parked().catch(() => [])).map(
      ({ projection, streamId, revision, position, eventType, error, parkedAt }) => ({
        projection,
        streamId,
        revision,
        position,
        eventType,
        error,
        parkedAt,
      }),
    );
    // 503 when this process cannot serve (a dependency down, a lagging process manager). A projection
    // retrying an event (it parks it after a few tries) and parked events leave commands and the other
    // reads working: they degrade with 200, for an operator to see.
    const unavailable = [
      ...(eventStore === 'down' ? ['the event store is down'] : []),
      ...(temporal === 'down' ? ['temporal is down'] : []),
      ...(processManagerLag !== null && processManagerLag > this.maxProcessManagerLag
        ? [`the process manager is ${processManagerLag} events behind (more than ${this.maxProcessManagerLag})`]
        : []),
    ];
    const reasons = [
      ...unavailable,
      ...projections.filter((p) => p.error).map((p) => `projection ${p.name} fails: ${p.error}`),
      ...(parkedEvents.length > 0 ? [`${parkedEvents.length} events parked by projections (see parkedEvents)`] : []),
    ];
    if (unavailable.length > 0) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    return {
      status: reasons.length === 0 ? 'ok' : 'degraded',
      eventStore,
      temporal,
      processManager: { lag: processManagerLag, maxLag: this.maxProcessManagerLag },
      projections,
      parkedEvents,
      ...(reasons.length > 0 ? { reasons } : {}),
    };
  }
}
