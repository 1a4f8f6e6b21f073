import { readEvent } from '@pj/application';
import { supplyStandstillEventTypes } from '@pj/domain';
import type { RecordedEvent, SqlQueryable } from '@pj/event-store';
import { ownedBy, type Projection } from './projection';

/**
 * Supply standstills of the buyer that imposed them: the factory, contractor, case and findings
 * each rests on, its scope (this contract, or every contract of the buyer), who imposed it (and the
 * breach-escalation workflow whose proposal it answered) and who lifted it (actor id and role,
 * when, reasons), and which of its findings have verified remediation noted. The factory registry
 * shows them to their buyer.
 */
export const supplyStandstillProjection: Projection = {
  name: 'supply-standstills',
  schema: [
    `CREATE TABLE IF NOT EXISTS rm_standstills (
      organisation_id      text NOT NULL,
      standstill_id        text NOT NULL,
      factory_id           text NOT NULL,
      case_id              text NOT NULL,
      contractor_id        text NOT NULL,
      finding_ids          json NOT NULL,
      verified_finding_ids json NOT NULL,
      reasons              text NOT NULL,
      scope                text NOT NULL,
      proposed_by          text,
      status               text NOT NULL,
      imposed_by           text NOT NULL,
      imposed_by_role      text NOT NULL,
      imposed_at           timestamptz NOT NULL,
      lift_reasons         text,
      lifted_by            text,
      lifted_by_role       text,
      lifted_at            timestamptz,
      revision             bigint NOT NULL,
      updated_at           timestamptz NOT NULL,
      PRIMARY KEY (organisation_id, standstill_id)
    )`,
    'CREATE INDEX IF NOT EXISTS rm_standstills_factory ON rm_standstills (factory_id, imposed_at DESC)',
    'CREATE INDEX IF NOT EXISTS rm_standstills_list ON rm_standstills (organisation_id, imposed_at DESC)',
  ],
  tables: ['rm_standstills'],
  eventTypes: new Set<string>(supplyStandstillEventTypes),
  async apply(tx: SqlQueryable, recorded: RecordedEvent) {
    const event = readEvent(recorded);
    const owner = ownedBy('supplyStandstill', recorded);
    if (!event || !owner) return;
    const { organisationId, id: standstillId } = owner;
    const { actor, recordedAt } = event.metadata;
    switch (event.type) {
      case 'SupplyStandstillImposed': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_standstills (standstill_id, organisation_id, factory_id, case_id, contractor_id, finding_ids,
             verified_finding_ids, reasons, scope, proposed_by, status, imposed_by, imposed_by_role, imposed_at,
             revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::json, '[]', $7, $12, $13, 'in_force', $8, $9, $10, $11, $10)
           ON CONFLICT (organisation_id, standstill_id) DO NOTHING`,
          [
            standstillId,
            organisationId,
            d.factoryId,
            d.caseId,
            d.contractorId,
            JSON.stringify(d.findingIds),
            d.reasons,
            d.imposedBy,
            actor.role,
            d.imposedAt,
            event.revision,
            // Standstills recorded before the scope existed covered the contract they were imposed under.
            d.scope ?? 'contract',
            d.proposedBy ?? null,
          ],
        );
        return;
      }
      case 'StandstillRemediationVerified': {
        const [row] = await tx.query<{ verified_finding_ids: string[] }>(
          `SELECT verified_finding_ids FROM rm_standstills
            WHERE organisation_id = $1 AND standstill_id = $2 AND revision < $3`,
          [organisationId, standstillId, event.revision],
        );
        if (!row) return;
        await tx.query(
          `UPDATE rm_standstills SET verified_finding_ids = $3::json, revision = $4, updated_at = $5
            WHERE organisation_id = $1 AND standstill_id = $2`,
          [
            organisationId,
            standstillId,
            JSON.stringify([...row.verified_finding_ids, event.data.findingId]),
            event.revision,
            recordedAt,
          ],
        );
        return;
      }
      case 'SupplyStandstillLifted': {
        const d = event.data;
        await tx.query(
          `UPDATE rm_standstills SET status = 'lifted', lift_reasons = $3, lifted_by = $4, lifted_by_role = $5,
             lifted_at = $6, revision = $7, updated_at = $6
            WHERE organisation_id = $1 AND standstill_id = $2 AND revision < $7`,
          [organisationId, standstillId, d.reasons, d.liftedBy, actor.role, d.liftedAt, event.revision],
        );
        return;
      }
    }
  },
};
