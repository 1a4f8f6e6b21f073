import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readState } from '@pj/application';
import { procurementCase, procurementCaseStreamId } from '@pj/domain';
import type { EventStore } from '@pj/event-store';
import { EVENT_STORE } from '../event-store/event-store.token';
import type { CaseView } from './case.view';
import { GetCaseQuery } from './get-case.query';

// Reads the case stream directly until the case read models exist (projections, issue 5).
@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ caseId, caller }: GetCaseQuery): Promise<CaseView> {
    const { state, revision } = await readState(this.store, procurementCase, procurementCaseStreamId(caseId));
    // Another buyer's case answers exactly like a missing one: ids must not reveal what exists.
    if (state.status === 'not_opened' || state.buyerOrganisationId !== caller.organisationId)
      throw new NotFoundException(`case ${caseId} not found`);
    return {
      caseId: state.caseId,
      phase: state.status,
      title: state.title,
      productCategory: state.productCategory,
      countriesOfProduction: [...state.countriesOfProduction],
      riskLevel: state.riskLevel,
      revision,
    };
  }
}
