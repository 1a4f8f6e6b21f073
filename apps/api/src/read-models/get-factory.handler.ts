import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlDriver } from '@pj/event-store';
import { NotFoundError } from '../errors/request-errors';
import { READ_MODELS } from '../infrastructure/tokens';
import {
  FACTORY_SUMMARY_COLUMNS,
  toFactorySummary,
  VISIBLE_FINDING,
  type FactorySummaryRow,
} from './factory-visibility';
import type { FactoryDetail } from './factory.views';
import { GetFactoryQuery } from './get-factory.query';
import { iso } from './lists/list-spec';

const FINDINGS_SHOWN = 200;

/** One factory of the shared registry: its visible findings, the caller's standstills and contracts. */
@QueryHandler(GetFactoryQuery)
export class GetFactoryHandler implements IQueryHandler<GetFactoryQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDriver) {}

  async execute({ factoryId, caller }: GetFactoryQuery): Promise<FactoryDetail> {
    const org = caller.organisationId;
    // A monitor sees only its assigned factories, as in the registry list: another is as unknown as a missing one.
    if (caller.role === 'monitor' && !(caller.factoryIds ?? []).includes(factoryId))
      throw new NotFoundError('factory', factoryId);
    const [factory] = await this.db.query<
      FactorySummaryRow & { address: string; registered_by_organisation_id: string; registered_at: Date }
    >(
      `SELECT ${FACTORY_SUMMARY_COLUMNS}, fa.address, fa.registered_by_organisation_id, fa.registered_at
         FROM rm_factories fa WHERE fa.factory_id = $2`,
      [org, factoryId],
    );
    if (!factory) throw new NotFoundError('factory', factoryId);
    const findings = await this.db.query<{
      finding_id: string;
      organisation_id: string;
      shareable: boolean;
      source: string;
      severity: string;
      standard_breached: string;
      workers_affected: number;
      description: string;
      status: string;
      recorded_at: Date;
    }>(
      `SELECT f.finding_id, f.organisation_id, f.shareable, f.source, f.severity, f.standard_breached, f.workers_affected,
              f.description, f.status, f.recorded_at
         FROM rm_findings f WHERE f.factory_id = $2 AND ${VISIBLE_FINDING}
        ORDER BY f.recorded_at DESC, f.finding_id, f.organisation_id LIMIT ${FINDINGS_SHOWN}`,
      [org, factoryId],
    );
    const standstills = await this.db.query<{
      standstill_id: string;
      case_id: string;
      contractor_id: string;
      finding_ids: string[];
      reasons: string;
      status: string;
      imposed_at: Date;
      lifted_at: Date | null;
    }>(
      `SELECT standstill_id, case_id, contractor_id, finding_ids, reasons, status, imposed_at, lifted_at
         FROM rm_standstills WHERE organisation_id = $1 AND factory_id = $2 ORDER BY imposed_at DESC`,
      [org, factoryId],
    );
    const contracts = await this.db.query<{
      case_id: string;
      contract_id: string;
      supplier_id: string;
      contract_year: number;
      annual_purchases: string;
    }>(
      `SELECT case_id, contract_id, supplier_id, contract_year, annual_purchases FROM rm_factory_buyers
        WHERE organisation_id = $1 AND factory_id = $2 ORDER BY contract_id, contract_year`,
      [org, factoryId],
    );
    const [others] = await this.db.query<{ buyers: string }>(
      `SELECT count(DISTINCT organisation_id) AS buyers FROM rm_factory_buyers WHERE factory_id = $2 AND organisation_id <> $1`,
      [org, factoryId],
    );
    return {
      ...toFactorySummary(factory),
      address: factory.address,
      registeredByOrganisationId: factory.registered_by_organisation_id,
      registeredAt: iso(factory.registered_at)!,
      findings: findings.map((f) => ({
        findingId: f.finding_id,
        recordedByOrganisationId: f.organisation_id,
        shared: f.shareable,
        source: f.source,
        severity: f.severity,
        standardBreached: f.standard_breached,
        workersAffected: f.workers_affected,
        description: f.description,
        status: f.status,
        recordedAt: iso(f.recorded_at)!,
      })),
      standstills: standstills.map((s) => ({
        standstillId: s.standstill_id,
        caseId: s.case_id,
        contractorId: s.contractor_id,
        findingIds: s.finding_ids,
        reasons: s.reasons,
        status: s.status,
        imposedAt: iso(s.imposed_at)!,
        liftedAt: iso(s.lifted_at),
      })),
      contracts: contracts.map((c) => ({
        caseId: c.case_id,
        contractId: c.contract_id,
        supplierId: c.supplier_id,
        contractYear: c.contract_year,
        annualPurchases: Number(c.annual_purchases),
      })),
      otherBuyers: Number(others?.buyers ?? 0),
    };
  }
}
