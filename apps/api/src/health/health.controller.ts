import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import { processManagerMaxLag } from '@pj/config';
import { KnownError, type ErrorKind } from '@pj/domain';
import { SqlCheckpointStore, type EventStore, type SqlDriver } from '@pj/event-store';
import { NOTIFICATION_SUBSCRIBER } from '@pj/notifications';
import { eventsAfter, type ProjectionRunner } from '@pj/projections';
import { PROCESS_MANAGER_SUBSCRIBER } from '../../../worker/src/process-manager/process-manager';
import { Public } from '../auth/auth.decorators';
import { TEMPORAL_DEADLINE_MS, withTemporalDeadline } from '../commands/temporal-client';
import { EVENT_STORE, PROJECTIONS, READ_MODELS, TEMPORAL_CLIENT } from '../infrastructure/tokens';

const reportExample = {
  eventStore: 'up',
  temporal: 'up',
  processManager: { lag: 0, maxLag: 500 },
  projections: [{ name: 'cases', lag: 0, caughtUp: true }],
  parkedEvents: [],
  notifications: { lag: 0, parkedDeliveries: 0 },
};
const readyExample = {
  status: 'ready',
  eventStore: 'up',
  temporal: 'up',
  projections: [{ name: 'cases', caughtUp: true }],
};
const notReadyExample = {
  type: 'urn:procurement-journey:unavailable:readiness',
  title: 'Not ready',
  status: 503,
  detail: 'the event store is down; projection cases has not caught up with the log',
  code: 'health.not_ready',
  eventStore: 'down',
  temporal: 'up',
  projections: [{ name: 'cases', caughtUp: false }],
  reasons: ['the event store is down', 'projection cases has not caught up with the log'],
};

type Check = 'up' | 'down' | 'not configured';

/**
 * A health check found that this process cannot serve: 503 problem details (the filter adds
 * Retry-After) whose extension members are the check's findings, `reasons` saying what is wrong.
 */
class UnhealthyError extends KnownError {
  readonly kind: ErrorKind = 'unavailable';
  constructor(
    check: 'readiness' | 'health',
    override readonly title: string,
    reasons: readonly string[],
    findings: Readonly<Record<string, unknown>>,
  ) {
    super(check === 'readiness' ? 'health.not_ready' : 'health.degraded', reasons.join('; '), {
      dependency: check,
      ...findings,
      reasons,
    });
  }
}

/**
 * Probes as Kubernetes expects them: `live` (restart me if this fails) answers as long as the
 * process serves HTTP; `ready` (send me traffic) checks what a request needs. `/api/health` is the
 * operator's fuller report (lags, parked events).
 */
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

  /** Liveness: nothing is asked of any dependency, so a database outage never gets the process restarted. */
  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness probe: 200 while the process answers HTTP; checks no dependency' })
  @ApiOkResponse({ description: 'The process answers', example: { status: 'live' } })
  live() {
    return { status: 'live' };
  }

  /**
   * Readiness: 200 when the event store and Temporal answer and every projection has caught up with
   * the log since start-up and is not failing; otherwise 503 saying which is not.
   */
  @Get('ready')
  @Public()
  @ApiOperation({
    summary:
      'Readiness probe: 503 while the event store or Temporal is down, or a projection has not caught up since ' +
      'start-up or is failing',
  })
  @ApiOkResponse({ description: 'Ready for traffic', example: readyExample })
  @ApiResponse({ status: 503, description: 'Not ready; `reasons` says what', example: notReadyExample })
  async ready() {
    const { eventStore, temporal } = await this.dependencies();
    const projections = this.projections
      .status()
      .map(({ name, caughtUp, error }) => ({ name, caughtUp, ...(error ? { error } : {}) }));
    const reasons = [
      ...this.down(eventStore, temporal),
      ...projections.flatMap((p) =>
        p.error
          ? [`projection ${p.name} fails: ${p.error}`]
          : p.caughtUp
            ? []
            : [`projection ${p.name} has not caught up with the log`],
      ),
    ];
    const findings = { eventStore, temporal, projections };
    if (reasons.length > 0) throw new UnhealthyError('readiness', 'Not ready', reasons, findings);
    return { status: 'ready', ...findings };
  }

  /**
   * 200 `ok` when the store and Temporal answer, no projection is failing and the process manager
   * is at most `maxLag` events behind; otherwise 503 problem details with the same report and
   * `reasons` (Retry-After). Every dependency is asked with a deadline, so the answer comes within seconds.
   */
  @Get()
  @Public()
  @ApiOperation({ summary: 'The operator’s health report: dependencies, lags, parked events' })
  @ApiOkResponse({
    description: 'Everything works (lag = events not yet handled)',
    example: { status: 'ok', ...reportExample },
  })
  @ApiResponse({
    status: 503,
    description: 'Unavailable: the event store or Temporal is down, or the process manager lags',
    example: {
      type: 'urn:procurement-journey:unavailable:health',
      title: 'Degraded',
      status: 503,
      detail: 'temporal is down',
      code: 'health.degraded',
      ...reportExample,
      temporal: 'down',
      reasons: ['temporal is down'],
    },
  })
  async check() {
    const [{ eventStore, temporal }, lag, processManagerLag, notifications] = await Promise.all([
      this.dependencies(),
      this.projections.lag().catch(() => ({}) as Record<string, number>),
      new SqlCheckpointStore(this.readModels)
        .read(PROCESS_MANAGER_SUBSCRIBER)
        .then((position) => eventsAfter(this.readModels, position))
        .catch(() => null),
      this.notifications(),
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
      ...this.down(eventStore, temporal),
      ...(processManagerLag !== null && processManagerLag > this.maxProcessManagerLag
        ? [`the process manager is ${processManagerLag} events behind (more than ${this.maxProcessManagerLag})`]
        : []),
    ];
    const reasons = [
      ...unavailable,
      ...projections.filter((p) => p.error).map((p) => `projection ${p.name} fails: ${p.error}`),
      ...(parkedEvents.length > 0 ? [`${parkedEvents.length} events parked by projections (see parkedEvents)`] : []),
      // Deliveries that failed every attempt wait for an administrator; the others still go out.
      ...(notifications.parkedDeliveries
        ? [
            `${notifications.parkedDeliveries} notification deliveries parked (GET /api/notification-deliveries?status=parked)`,
          ]
        : []),
    ];
    const report = {
      eventStore,
      temporal,
      processManager: { lag: processManagerLag, maxLag: this.maxProcessManagerLag },
      projections,
      parkedEvents,
      notifications,
    };
    if (unavailable.length > 0) throw new UnhealthyError('health', 'Degraded', reasons, report);
    return { status: reasons.length === 0 ? 'ok' : 'degraded', ...report, ...(reasons.length > 0 ? { reasons } : {}) };
  }

  /**
   * The notification outbox: events not yet turned into notifications (its checkpoint is stored
   * lazily past events that tell nobody, so a few may show), and deliveries parked in every organisation.
   */
  private async notifications(): Promise<{ lag: number | null; parkedDeliveries: number | null }> {
    const [lag, parked] = await Promise.all([
      new SqlCheckpointStore(this.readModels)
        .read(NOTIFICATION_SUBSCRIBER)
        .then((position) => eventsAfter(this.readModels, position))
        .catch(() => null),
      this.readModels
        .query<{ parked: string | number }>(`SELECT count(*) AS parked FROM pj_deliveries WHERE status = 'parked'`)
        .then(([row]) => Number(row.parked))
        .catch(() => null),
    ]);
    return { lag, parkedDeliveries: parked };
  }

  /** The event store and Temporal, each asked with a deadline. */
  private async dependencies(): Promise<{ eventStore: Check; temporal: Check }> {
    const temporalClient = this.temporal;
    const [eventStore, temporal] = await Promise.all([
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
    ]);
    return { eventStore, temporal };
  }

  private down(eventStore: Check, temporal: Check): string[] {
    return [
      ...(eventStore === 'down' ? ['the event store is down'] : []),
      ...(temporal === 'down' ? ['temporal is down'] : []),
    ];
  }
}
