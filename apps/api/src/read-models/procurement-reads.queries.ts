import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { requiredDisclosureSharePercent, type ProcurementCaseState } from '@pj/domain';
import type { Caller } from '../auth/roles';
import { READ_MODELS } from '../infrastructure/tokens';
import { assertCaseInSight } from './case-sight';
import type { ListQueryParams, Page } from './lists/list-params';
import { iso, type ListSpec } from './lists/list-spec';
import { runList } from './lists/run-list';
import { cycleList, type ContractDueDiligence, type CyclePage, type ListCyclesParams } from './procurement.views';
import type { CaseRequirements } from './requirements.view';

/** A page of a list of one case's rows (`bidList`…), for a caller who may see the case; else 404. */
export class CaseListQuery<View, Params extends { caseId: string }> extends Query<Page<View>> {
  constructor(
    readonly caseId: string,
    readonly spec: ListSpec<View, Params>,
    readonly params: Omit<Params, 'caseId'> & ListQueryParams,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(CaseListQuery)
export class CaseListHandler implements IQueryHandler<CaseListQuery<unknown, { caseId: string }>> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ caseId, spec, params, caller }: CaseListQuery<unknown, { caseId: string }>): Promise<Page<unknown>> {
    await assertCaseInSight(this.db, caseId, caller);
    return runList(this.db, spec, { ...params, caseId }, caller);
  }
}

/** A contract's years and its compliance plans. */
export class ListCyclesQuery extends Query<CyclePage> {
  constructor(
    readonly caseId: string,
    readonly params: ListCyclesParams,
    readonly caller: Caller,
  ) {
    super();
  }
}

interface ContractRow {
  contract_id: string;
  supplier_id: string;
  current_year: number;
  signed_at: Date | string;
  compliance_plans_due_by: Date | string | null;
  compliance_plans_required: string[];
  compliance_plans_submitted: unknown;
  compliance_plans_overdue: string[];
}

@QueryHandler(ListCyclesQuery)
export class ListCyclesHandler implements IQueryHandler<ListCyclesQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ caseId, params, caller }: ListCyclesQuery): Promise<CyclePage> {
    await assertCaseInSight(this.db, caseId, caller);
    const supplier = caller.role === 'supplier';
    const page = await runList(this.db, cycleList, { ...params, caseId }, caller);
    const [row] = await this.db.query<ContractRow>(
      `SELECT contract_id, supplier_id, current_year, signed_at, compliance_plans_due_by, compliance_plans_required,
              compliance_plans_submitted, compliance_plans_overdue
         FROM rm_due_diligence_contracts
        WHERE organisation_id = $1 AND case_id = $2 AND ($3::text IS NULL OR supplier_id = $3)`,
      [caller.organisationId, caseId, supplier ? (caller.supplierId ?? '') : null],
    );
    const contract: ContractDueDiligence | null = row
      ? {
          contractId: row.contract_id,
          supplierId: row.supplier_id,
          currentYear: Number(row.current_year),
          signedAt: iso(row.signed_at)!,
          compliancePlansDueBy: iso(row.compliance_plans_due_by),
          compliancePlansRequired: row.compliance_plans_required,
          compliancePlansSubmitted: row.compliance_plans_submitted,
          compliancePlansOverdue: row.compliance_plans_overdue,
        }
      : null;
    // The desk review and audit reasons are the buyer's own assessment of the supplier.
    const items = supplier ? page.items.map((cycle) => ({ ...cycle, deskReview: null })) : page.items;
    return { caseId, ...page, items, contract };
  }
}

/** What a case asks of its suppliers (`CaseRequirements`). */
export class GetCaseRequirementsQuery extends Query<CaseRequirements> {
  constructor(
    readonly caseId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(GetCaseRequirementsQuery)
export class GetCaseRequirementsHandler implements IQueryHandler<GetCaseRequirementsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ caseId, caller }: GetCaseRequirementsQuery): Promise<CaseRequirements> {
    await assertCaseInSight(this.db, caseId, caller);
    const [row] = await this.db.query<{ state: ProcurementCaseState; revision: string }>(
      'SELECT state, revision FROM rm_cases WHERE organisation_id = $1 AND case_id = $2',
      [caller.organisationId, caseId],
    );
    const state = row!.state;
    if (state.status === 'not_opened') throw new Error(`case ${caseId} is on the board unopened`);
    const tender = 'tender' in state ? state.tender : null;
    const award = 'award' in state ? state.award : null;
    const contract = 'contract' in state ? state.contract : null;
    // Another bidder sees the award notice, never the contract's terms.
    const ownContract = contract && (caller.role !== 'supplier' || caller.supplierId === contract.supplierId);
    return {
      caseId,
      title: state.title,
      phase: state.status,
      productCategory: state.productCategory,
      countriesOfProduction: [...state.countriesOfProduction],
      policyRef: state.policyRef ?? null,
      tender: tender && {
        tenderRef: tender.tenderRef,
        currency: tender.currency,
        bidDeadline: tender.bidDeadline,
        disclosure: tender.disclosure,
        compliancePlans: tender.compliancePlans,
        performanceClauses: [...tender.performanceClauses],
        awardCriteria: [...tender.awardCriteria],
        legalStandstill: tender.legalStandstill,
        dueDiligence: tender.dueDiligence,
      },
      award: award && {
        awardId: award.awardId,
        supplierId: award.supplierId,
        notifiedAt: award.notifiedAt,
        standstillEndsAt: award.standstillEndsAt,
        standstillEnded: award.standstillEnded ?? false,
      },
      contract:
        contract && ownContract && tender
          ? {
              contractId: contract.contractId,
              supplierId: contract.supplierId,
              signedAt: contract.signedAt,
              contractYear: contract.contractYear,
              contractYearBeganAt: contract.contractYearBeganAt,
              requiredDisclosureSharePercent: requiredDisclosureSharePercent(tender.disclosure, contract.contractYear),
            }
          : null,
      revision: Number(row!.revision),
    };
  }
}
