import { readEvent } from '@pj/application';
import type { EventType } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { streamOf, type Projection } from './projection';
import { searchDocument } from './search';

/**
 * The shared supplier and factory registry. Factories are shared by every buyer, and which buyers
 * source there (contract disclosures). Each factory's findings (with the recording buyer and
 * whether it shares them) are the findings read model's rows, its supply standstills the
 * standstills read model's. Who may see what is decided by the queries, from these columns.
 */
export const registryProjection: Projection = {
  name: 'factory-registry',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_factories (
      factory_id         text PRIMARY KEY,
      name               text NOT NULL,
      address            text NOT NULL,
      country            text NOT NULL,
      tier               integer NOT NULL,
      products           json NOT NULL,
      number_of_workers  integer NOT NULL,
      open_supply_hub_id text,
      registered_by_organisation_id text NOT NULL,
      registered_at      timestamptz NOT NULL,
      updated_at         timestamptz NOT NULL,
      event_count        integer NOT NULL,
      search             tsvector GENERATED ALWAYS AS (${searchDocument('name')}) STORED
    )`,
    'CREATE INDEX IF NOT EXISTS rm_factories_country ON rm_factories (country, name)',
    'CREATE INDEX IF NOT EXISTS rm_factories_search ON rm_factories USING gin (search)',
    `CREATE TABLE IF NOT EXISTS rm_factory_buyers (
      factory_id       text NOT NULL,
      organisation_id  text NOT NULL,
      case_id          text NOT NULL,
      contract_id      text NOT NULL,
      supplier_id      text NOT NULL,
      contract_year    integer NOT NULL,
      annual_purchases numeric NOT NULL,
      disclosed_at     timestamptz NOT NULL,
      PRIMARY KEY (factory_id, organisation_id, contract_id, contract_year)
    )`,
  ],
  tables: ['rm_factories', 'rm_factory_buyers'],
  eventTypes: new Set<EventType>(['FactoryRegistered', 'FactoryProfileUpdated', 'FactoryDisclosedUnderContract']),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    if (!event) return;
    const at = event.metadata.recordedAt;
    const stream = streamOf(event);
    if (stream?.aggregate === 'factory') {
      // Counts every factory event it applies: equal to the stream's length when applied exactly once.
      await tx.query('UPDATE rm_factories SET event_count = event_count + 1, updated_at = $2 WHERE factory_id = $1', [
        stream.id,
        at,
      ]);
    }
    switch (event.type) {
      case 'FactoryRegistered': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_factories (factory_id, name, address, country, tier, products, number_of_workers,
             open_supply_hub_id, registered_by_organisation_id, registered_at, updated_at, event_count)
           VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9, $10, $10, 1)`,
          [
            d.factoryId,
            d.name,
            d.address,
            d.country,
            d.tier,
            JSON.stringify(d.products),
            d.numberOfWorkers,
            d.openSupplyHubId ?? null,
            d.registeredByOrganisationId,
            d.registeredAt,
          ],
        );
        return;
      }
      case 'FactoryProfileUpdated': {
        const { changes } = event.data;
        await tx.query(
          `UPDATE rm_factories SET products = COALESCE($2::json, products), number_of_workers = COALESCE($3, number_of_workers),
             open_supply_hub_id = COALESCE($4, open_supply_hub_id), tier = COALESCE($5, tier) WHERE factory_id = $1`,
          [
            stream?.id,
            changes.products ? JSON.stringify(changes.products) : null,
            changes.numberOfWorkers ?? null,
            changes.openSupplyHubId ?? null,
            changes.tier ?? null,
          ],
        );
        return;
      }
      case 'FactoryDisclosedUnderContract': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_factory_buyers (factory_id, organisation_id, case_id, contract_id, supplier_id, contract_year,
             annual_purchases, disclosed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (factory_id, organisation_id, contract_id, contract_year) DO UPDATE SET annual_purchases = EXCLUDED.annual_purchases,
             disclosed_at = EXCLUDED.disclosed_at`,
          [
            d.factoryId,
            d.buyerOrganisationId,
            d.caseId,
            d.contractId,
            d.supplierId,
            d.contractYear,
            d.annualPurchases,
            d.disclosedAt,
          ],
        );
        return;
      }
    }
  },
};
