import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { EventStore } from '@pj/event-store';
import { Public } from '../auth/auth.decorators';
import { EVENT_STORE, TEMPORAL_CLIENT } from '../event-store/event-store.token';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(TEMPORAL_CLIENT) private readonly temporal?: Client,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'State of the event store and Temporal', example: { status: 'ok', eventStore: 'up', temporal: 'up' } })
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
    return { status: eventStore === 'up' && temporal !== 'down' ? 'ok' : 'degraded', eventStore, temporal };
  }
}
