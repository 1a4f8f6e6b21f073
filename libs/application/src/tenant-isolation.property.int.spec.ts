import fc from 'fast-check';
import { DomainError } from '@pj/domain';
import { PgliteDriver, SqlEventStore, type RecordedEvent } from '@pj/event-store';
import { seedConfirmedBreach, seedSignedContract } from '../../../test/support/seed-journey';
import { aggregates, executeCommand, parseStreamName, type AggregateName } from './aggregates';

// Two buyers on one store that chose the same ids (ids are each organisation's own), and random
// commands from either of them, each aimed at a random target and naming random other aggregates,
// all drawn from one pool: ids both buyers hold and ids nobody has. Whatever the sequence, every
// event of an owner-scoped stream is its owner's (the organisation in its name; the shared
// factory registry excepted), and every case or finding an event names is one of its own
// organisation's. The commands go through executeCommand, the path of the API and of every
// workflow activity alike.
const ORGS = ['stockholm-county-council', 'city-of-madison'] as const;
type Org = (typeof ORGS)[number];
const NOW = '2026-03-02T09:00:00.000Z';
const CONTRACTOR = 'supplier-bid-a';
const FACTORY = 'factory-big';

interface World {
  readonly cases: readonly string[];
  readonly findings: readonly string[];
  readonly grievances: readonly string[];
  readonly reviews: readonly string[];
}

interface Attempt {
  readonly org: Org;
  readonly aggregate: AggregateName;
  readonly id: string;
  readonly type: string;
  readonly role: string;
  readonly data: Record<string, unknown>;
}

/** One random command, targets and references drawn from `world` (both buyers' ids and unknown ones). */
const attempt = (world: World, fresh: string): fc.Arbitrary<Attempt> => {
  const org = fc.constantFrom(...ORGS);
  const caseId = fc.constantFrom(...world.cases);
  const findingId = fc.constantFrom(...world.findings);
  const grievanceId = fc.constantFrom(...world.grievances);
  const reviewId = fc.constantFrom(...world.reviews);
  const newId = fc.nat(1_000).map((n) => `${fresh}-${n}`);
  const as = (aggregate: AggregateName, type: string, role: string) =>
    fc.record({ org, id: fc.string(), data: fc.constant({}) }).map((base) => ({ ...base, aggregate, type, role }));
  const command = <D extends Record<string, unknown>>(
    aggregate: AggregateName,
    type: string,
    role: string,
    target: fc.Arbitrary<string>,
    data: (id: string) => fc.Arbitrary<D>,
  ): fc.Arbitrary<Attempt> =>
    fc
      .tuple(as(aggregate, type, role), target)
      .chain(([base, id]) => data(id).map((d) => ({ ...base, id, data: d as Record<string, unknown> })));

  return fc.oneof(
    command('finding', 'RecordFinding', 'monitor', fc.oneof(findingId, newId), (id) =>
      fc.record({ caseId }).map(({ caseId }) => ({
        findingId: id,
        factoryId: FACTORY,
        caseId,
        source: 'worker_driven_monitor',
        severity: 'high',
        standardBreached: 'ILO C1',
        workersAffected: 10,
        description: 'forced overtime',
        evidenceRefs: [],
        shareableWithOtherBuyers: false,
      })),
    ),
    command('finding', 'ConfirmBreach', 'compliance_officer', findingId, (id) =>
      fc.record({ caseId: fc.option(caseId, { nil: undefined }) }).map(({ caseId }) => ({
        findingId: id,
        reasons: 'confirmed',
        ...(caseId ? { caseId } : {}),
        contractorId: CONTRACTOR,
        remedyTimetable: {
          planDueWithinDays: 30,
          escalationAfterDays: {
            reminder: 0,
            escalated_to_compliance_officer: 0,
            supply_standstill: 0,
            termination_proposed: 0,
          },
        },
      })),
    ),
    command('finding', 'AddFindingEvidence', 'compliance_officer', findingId, (id) =>
      fc.constant({ findingId: id, evidenceRef: 'photo-1', kind: 'other', note: 'more' }),
    ),
    command('procurementCase', 'EscalateBreach', 'workflow', caseId, (id) =>
      findingId.map((f) => ({ caseId: id, findingId: f, step: 'reminder', note: 'plan overdue' })),
    ),
    command('procurementCase', 'RecordClauseBreach', 'contract_manager', caseId, (id) =>
      fc.tuple(findingId, fc.nat(1_000)).map(([f, n]) => ({
        caseId: id,
        clauseId: 'factory-disclosure',
        breachId: `breach-${n}`,
        description: 'factory not disclosed',
        findingId: f,
      })),
    ),
    command('procurementCase', 'TerminateContract', 'compliance_officer', caseId, (id) =>
      findingId.map((f) => ({ caseId: id, reasons: 'ladder exhausted', findingId: f })),
    ),
    command('supplyStandstill', 'ImposeSupplyStandstill', 'compliance_officer', newId, (id) =>
      fc.tuple(caseId, findingId).map(([c, f]) => ({
        standstillId: id,
        factoryId: FACTORY,
        caseId: c,
        contractorId: CONTRACTOR,
        findingIds: [f],
        reasons: 'plan deadline missed',
      })),
    ),
    command('purchasingPracticeReview', 'OpenPurchasingPracticeReview', 'contract_manager', newId, (id) =>
      fc.tuple(caseId, findingId).map(([c, f]) => ({ reviewId: id, caseId: c, findingIds: [f], scope: 'lead times' })),
    ),
    command('purchasingPracticeReview', 'LinkFindingToPurchasingPractice', 'contract_manager', reviewId, (id) =>
      findingId.map((f) => ({ reviewId: id, findingId: f, practice: 'lead_time', observation: 'short lead times' })),
    ),
    command('grievance', 'SubmitGrievance', 'monitor', newId, (id) =>
      caseId.map((c) => ({
        grievanceId: id,
        factoryId: FACTORY,
        caseId: c,
        channel: 'worker_organisation',
        anonymous: true,
        allegation: 'unpaid overtime',
        workersConcerned: 5,
        severity: 'medium',
        acknowledgeWithinDays: 5,
      })),
    ),
    command('grievance', 'ReferGrievanceToFinding', 'compliance_officer', grievanceId, (id) =>
      findingId.map((f) => ({ grievanceId: id, findingId: f })),
    ),
    command('factory', 'RecordContractDisclosure', 'supplier', fc.constant(FACTORY), (id) =>
      caseId.map((c) => ({
        factoryId: id,
        caseId: c,
        contractId: `contract-${c}`,
        supplierId: CONTRACTOR,
        contractYear: 1,
        annualPurchases: 40_000,
      })),
    ),
    command('procurementCase', 'AdoptPolicy', 'contract_manager', caseId, (id) =>
      fc.constant({
        caseId: id,
        policyRef: 'p',
        codeOfConductStandards: ['ILO C1'],
        includesLawOfCountryOfProduction: true,
      }),
    ),
  );
};

/** The case and finding ids an event names, by the fields the domain uses for them. */
const named = (event: RecordedEvent): { aggregate: AggregateName; id: string }[] => {
  const data = event.data as Record<string, unknown>;
  const ids = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string');
  return [
    ...ids(data.caseId).map((id) => ({ aggregate: 'procurementCase' as const, id })),
    ...ids(data.findingId).map((id) => ({ aggregate: 'finding' as const, id })),
    ...ids(data.findingIds).map((id) => ({ aggregate: 'finding' as const, id })),
  ];
};

describe('tenant isolation, as a property of the command path', () => {
  let store: SqlEventStore;
  let run = 0;
  const streams = new Set<string>();
  beforeAll(async () => {
    store = await SqlEventStore.open(await PgliteDriver.open());
  });
  afterAll(async () => store?.close());

  /**
   * Both buyers with a signed contract (the same contractor and factory), a confirmed breach, a
   * grievance and a review, under the same ids.
   */
  async function seedWorld(prefix: string): Promise<World> {
    const caseId = `${prefix}-case`;
    const findingId = `${prefix}-finding`;
    const grievanceId = `${prefix}-grievance`;
    const reviewId = `${prefix}-review`;
    for (const org of ORGS) {
      await seedSignedContract(store, caseId, org);
      await seedConfirmedBreach(store, { caseId, findingId, organisationId: org, now: NOW });
      await executeCommand(store, 'grievance', grievanceId, {
        type: 'SubmitGrievance',
        data: {
          grievanceId,
          factoryId: FACTORY,
          caseId,
          channel: 'worker_organisation',
          anonymous: true,
          allegation: 'unpaid overtime',
          workersConcerned: 5,
          severity: 'medium',
          acknowledgeWithinDays: 5,
        },
        metadata: {
          commandId: `${org}/${grievanceId}-submit`,
          now: NOW,
          actor: { id: 'm', role: 'monitor' },
          organisationId: org,
          calendar: { timeZone: 'UTC' },
        },
      });
      await executeCommand(store, 'purchasingPracticeReview', reviewId, {
        type: 'OpenPurchasingPracticeReview',
        data: { reviewId, caseId, findingIds: [findingId], scope: 'lead times' },
        metadata: {
          commandId: `${org}/${reviewId}-open`,
          now: NOW,
          actor: { id: 'c', role: 'contract_manager' },
          organisationId: org,
          calendar: { timeZone: 'UTC' },
        },
      });
    }
    const nobody = `${prefix}-nobody-has-this`;
    return {
      cases: [caseId, nobody],
      findings: [findingId, nobody],
      grievances: [grievanceId, nobody],
      reviews: [reviewId, nobody],
    };
  }

  it('never lets an event of one organisation into another’s stream, or name another’s case or finding', async () => {
    const world = await seedWorld('w');
    const held = new Set(Object.values(world).map((list) => list[0]));
    for (const org of ORGS)
      for (const list of Object.values(world))
        for (const id of list)
          for (const name of ['procurementCase', 'finding', 'grievance', 'purchasingPracticeReview'] as const)
            streams.add(aggregates[name].streamId(org, id));
    let acceptedOnHeldIds = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(attempt(world, 'new'), { minLength: 1, maxLength: 25 }), async (attempts) => {
        run++;
        let n = 0;
        for (const a of attempts) {
          streams.add(aggregates[a.aggregate].streamId(a.org, a.id));
          try {
            await executeCommand(store, a.aggregate, a.id, {
              type: a.type,
              data: a.data,
              metadata: {
                commandId: `run-${run}-attempt-${n++}`,
                now: NOW,
                actor: { id: `${a.role}-1`, role: a.role },
                organisationId: a.org,
                calendar: { timeZone: 'UTC' },
              },
            } as never);
            accepted++;
            if (held.has(a.id)) acceptedOnHeldIds++;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        }
        await expectIsolated();
      }),
      { numRuns: 40 },
    );
    // Commands on ids both buyers hold were recorded, each in its own organisation's stream.
    expect(accepted).toBeGreaterThan(5);
    expect(acceptedOnHeldIds).toBeGreaterThan(5);
  }, 240_000);

  async function expectIsolated() {
    const owner = new Map<string, string>();
    const ownerOf = async (aggregate: AggregateName, organisationId: string, id: string) => {
      const streamId = aggregates[aggregate].streamId(organisationId, id);
      if (!owner.has(streamId)) {
        const [first] = await store.readStream(streamId, { maxCount: 1 });
        owner.set(streamId, first?.metadata.organisationId ?? '');
      }
      return owner.get(streamId);
    };
    const intruders: string[] = [];
    for (const streamId of streams) {
      const events = await store.readStream(streamId);
      const name = parseStreamName(streamId);
      for (const event of events) {
        const org = event.metadata.organisationId;
        if (name?.organisationId !== undefined && org !== name.organisationId)
          intruders.push(`${streamId}@${event.revision} ${event.type} by ${org}`);
        for (const ref of named(event)) {
          const refOwner = await ownerOf(ref.aggregate, org, ref.id);
          if (refOwner !== org)
            intruders.push(
              `${streamId}@${event.revision} ${event.type} by ${org} names ${ref.aggregate} ${ref.id} of ${refOwner || 'nobody'}`,
            );
        }
      }
    }
    expect(intruders).toEqual([]);
  }
});
