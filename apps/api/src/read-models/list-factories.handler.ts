import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { READ_MODELS } from '../infrastructure/tokens';
import { FACTORY_SUMMARY_COLUMNS, toFactorySummary, type FactorySummaryRow } from './factory-visibility';
import type { FactoryRegistryPage } from './factory.views';
import { ListFactoriesQuery } from './list-factories.query';
import { pageBounds, toPage } from './pagination';

/** The shared factory registry, with what the caller may see of each factory's findings and standstills. */
@QueryHandler(ListFactoriesQuery)
export class ListFactoriesHandler implements IQueryHandler<ListFactoriesQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ params, caller }: ListFactoriesQuery): Promise<FactoryRegistryPage> {
    const bounds = pageBounds(params);
    const rows = await this.db.query<FactorySummaryRow>(
      `SELECT ${FACTORY_SUMMARY_COLUMNS} FROM rm_factories fa
        WHERE ($2::text IS NULL OR fa.country = $2)
        ORDER BY fa.country, fa.name, fa.factory_id LIMIT $3 OFFSET $4`,
      [caller.organisationId, params.country ?? null, bounds.fetch, bounds.offset],
    );
    return toPage(rows, bounds, toFactorySummary);
  }
}
