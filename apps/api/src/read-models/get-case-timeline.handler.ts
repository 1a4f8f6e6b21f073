import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { NotFoundError } from '../errors/request-errors';
import { READ_MODELS } from '../infrastructure/tokens';
import type { CaseTimeline } from './case.views';
import { GetCaseTimelineQuery } from './get-case-timeline.query';
import { iso, pageBounds, toPage } from './pagination';

interface Row {
  revision: string;
  event_type: string;
  actor_id: string;
  actor_role: string;
  recorded_at: Date;
  reasons: string | null;
  causation_id: string;
  causation_type: string | null;
  command_id: string;
  event_id: string;
  position: string;
  data: unknown;
}

/** Case detail's timeline, oldest first: who did what, when and why. */
@QueryHandler(GetCaseTimelineQuery)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimelineQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ caseId, params, caller }: GetCaseTimelineQuery): Promise<CaseTimeline> {
    // Another buyer's case answers exactly like a missing one.
    const [owned] = await this.db.query('SELECT 1 FROM rm_cases WHERE case_id = $1 AND organisation_id = $2', [
      caseId,
      caller.organisationId,
    ]);
    if (!owned) throw new NotFoundError('case', caseId);
    const bounds = pageBounds(params);
    const rows = await this.db.query<Row>(
      `SELECT t.revision, t.event_type, t.actor_id, t.actor_role, t.recorded_at, t.reasons, t.causation_id,
              cause.event_type AS causation_type, t.command_id, t.event_id, t.position, t.data
         FROM rm_case_timeline t
         LEFT JOIN rm_case_timeline cause
           ON cause.event_id = t.causation_id AND cause.organisation_id = t.organisation_id AND cause.case_id = t.case_id
        WHERE t.organisation_id = $4 AND t.case_id = $1 ORDER BY t.revision LIMIT $2 OFFSET $3`,
      [caseId, bounds.fetch, bounds.offset, caller.organisationId],
    );
    return {
      caseId,
      ...toPage(rows, bounds, (row) => ({
        revision: Number(row.revision),
        eventType: row.event_type,
        actor: { id: row.actor_id, role: row.actor_role },
        recordedAt: iso(row.recorded_at)!,
        reasons: row.reasons,
        causationId: row.causation_id,
        causationType: row.causation_type,
        commandId: row.command_id,
        eventId: row.event_id,
        position: row.position,
        data: row.data,
      })),
    };
  }
}
