import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { READ_MODELS } from '../infrastructure/tokens';
import type { Inbox } from './inbox.views';
import { ListInboxQuery } from './list-inbox.query';
import { iso, pageBounds, toPage } from './pagination';

interface Row {
  item_id: string;
  kind: string;
  subject_id: string;
  case_id: string | null;
  summary: string;
  details: Record<string, unknown>;
  due_at: Date | null;
  opened_at: Date;
}

/** Decisions waiting for the organisation's compliance officers: due ones first, then the oldest. */
@QueryHandler(ListInboxQuery)
export class ListInboxHandler implements IQueryHandler<ListInboxQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ params, caller }: ListInboxQuery): Promise<Inbox> {
    const bounds = pageBounds(params);
    const rows = await this.db.query<Row>(
      `SELECT item_id, kind, subject_id, case_id, summary, details, due_at, opened_at FROM rm_inbox
        WHERE organisation_id = $1 AND resolved_at IS NULL
        ORDER BY due_at ASC NULLS LAST, opened_at, item_id LIMIT $2 OFFSET $3`,
      [caller.organisationId, bounds.fetch, bounds.offset],
    );
    return toPage(rows, bounds, (row) => ({
      itemId: row.item_id,
      kind: row.kind,
      subjectId: row.subject_id,
      caseId: row.case_id,
      summary: row.summary,
      details: row.details,
      dueAt: iso(row.due_at),
      openedAt: iso(row.opened_at)!,
    }));
  }
}
