import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { EventStore } from '@pj/event-store';
import type { ProjectionRunner } from '@pj/projections';
import { Public } from '../auth/auth.decorators';
import { EVENT_STORE, PROJECTIONS, TEMPORAL_CLIENT } from '../infrastructure/tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Optional() @Inject(TEMPORAL_CLIENT) private readonly temporal?: Client,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({
    description: 'State of the event store, Temporal and each projection (lag = events not yet applied)',
    example: {
      status: 'ok',
      eventStore: 'up',
      temporal: 'up',
      projections: [{ name: 'cases', lag: 0, caughtUp: true }],
      parkedEvents: [],
    },
  })
  async check() {
    const eventStore = await this.store
      .readAll({ maxCount: 1 })
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    const temporal = this.temporal
      ? await this.temporal.workflowService
          .getSystemInfo({})
          .then(() => 'up' as const)
          .catch(() => 'down' as const)
      : ('not configured' as const);
    const lag = await this.projections.lag().catch(() => ({}) as Record<string, number>);
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
    const healthy =
      eventStore === 'up' && temporal !== 'down' && projections.every((p) => !p.error) && parkedEvents.length === 0;
    return { status: healthy ? 'ok' : 'degraded', eventStore, temporal, projections, parkedEvents };
  }
}
