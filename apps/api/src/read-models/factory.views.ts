import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { factorySummaryFields } from './factory-visibility';
import { ListParams, PageOf } from './lists/list-params';
import { defineList } from './lists/list-spec';

export class FactorySummary {
  @ApiProperty({ example: 'factory-shenzhen-01' }) factoryId!: string;
  @ApiProperty({ example: 'Shenzhen Precision Electronics No. 1' }) name!: string;
  @ApiProperty({ example: 'CN' }) country!: string;
  @ApiProperty({ description: '1 assembles the finished product', example: 1 }) tier!: number;
  @ApiProperty({ example: ['laptops', 'displays'] }) products!: string[];
  @ApiProperty({ example: 3200 }) numberOfWorkers!: number;
  @ApiPropertyOptional({ example: 'CN2019123ABCDEF', nullable: true, type: String }) openSupplyHubId!: string | null;
  @ApiProperty({ description: 'Findings the caller may see: its own and those other buyers share', example: 3 })
  visibleFindings!: number;
  @ApiProperty({ description: 'The caller’s supply standstills in force at this factory', example: 1 })
  standstillsInForce!: number;
}

/** The factory registry every buyer shares, by country and name; searched by name. */
export const factoryList = defineList<FactorySummary, { country?: string }>({
  name: 'factories',
  from: 'rm_factories fa',
  scope: 'shared',
  fields: factorySummaryFields,
  id: 'factoryId',
  sorts: [{ name: 'country', keys: ['country', 'name'] }, 'name', 'numberOfWorkers'],
  defaultSort: 'country',
  where: ({ country }, bind) => [country && `fa.country = ${bind(country)}`],
  search: 'fa.search',
  parties: { monitor: (factoryIds, bind) => `fa.factory_id = ANY(${bind(factoryIds)}::text[])` },
});

export class ListFactoriesParams extends ListParams(factoryList) {
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country of the factory', example: 'CN' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as "CN"' })
  country?: string;
}

export class FactoryRegistryPage extends PageOf(FactorySummary) {}

export class FactoryFinding {
  @ApiProperty({ example: 'f-2026-017' }) findingId!: string;
  @ApiProperty({ description: 'The buyer that recorded it', example: 'city-of-madison' })
  recordedByOrganisationId!: string;
  @ApiProperty({ description: 'Shared with other buyers by the recording buyer', example: true }) shared!: boolean;
  @ApiProperty({
    enum: ['social_audit', 'worker_driven_monitor', 'ngo_report', 'media_report', 'grievance'],
    example: 'worker_driven_monitor',
  })
  source!: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'], example: 'high' }) severity!: string;
  @ApiProperty({ example: 'ILO C1: hours of work' }) standardBreached!: string;
  @ApiProperty({ example: 120 }) workersAffected!: number;
  @ApiProperty({ example: 'Excessive overtime in the weeks before shipments' }) description!: string;
  @ApiProperty({ example: 'breach_confirmed' }) status!: string;
  @ApiProperty({ example: '2026-04-01T09:00:00.000Z' }) recordedAt!: string;
}

export class FactoryStandstill {
  @ApiProperty({ example: 'breach-f-2026-017' }) standstillId!: string;
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'dell' }) contractorId!: string;
  @ApiProperty({ example: ['f-2026-017'] }) findingIds!: string[];
  @ApiProperty({ example: 'escalation ladder: breach not remedied on time' }) reasons!: string;
  @ApiProperty({ enum: ['in_force', 'lifted'], example: 'in_force' }) status!: string;
  @ApiProperty({ example: '2026-05-23T09:00:00.000Z' }) imposedAt!: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) liftedAt!: string | null;
}

export class FactoryContract {
  @ApiProperty({ example: '3f9a7c52-8a8e-4b8e-9d55-2f4f7d0c1a11' }) caseId!: string;
  @ApiProperty({ example: 'contract-1' }) contractId!: string;
  @ApiProperty({ example: 'dell' }) supplierId!: string;
  @ApiProperty({ example: 1 }) contractYear!: number;
  @ApiProperty({ example: 42000 }) annualPurchases!: number;
}

export class FactoryDetail extends FactorySummary {
  @ApiProperty({ example: 'No. 8 Industrial Road, Shenzhen' }) address!: string;
  @ApiProperty({
    description: 'The buyer that registered it in the shared registry',
    example: 'stockholm-county-council',
  })
  registeredByOrganisationId!: string;
  @ApiProperty({ example: '2026-03-01T09:00:00.000Z' }) registeredAt!: string;
  @ApiProperty({ type: [FactoryFinding] }) findings!: FactoryFinding[];
  @ApiProperty({ type: [FactoryStandstill] }) standstills!: FactoryStandstill[];
  @ApiProperty({ description: 'The caller’s contracts that disclosed this factory', type: [FactoryContract] })
  contracts!: FactoryContract[];
  @ApiProperty({ description: 'How many other buyers have disclosed contracts here', example: 2 }) otherBuyers!: number;
}
