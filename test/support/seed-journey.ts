import { randomUUID } from 'node:crypto';
import { handleCommand } from '@pj/application';
import {
  factoryRegistry,
  factoryStreamId,
  finding,
  findingStreamId,
  procurementCase,
  procurementCaseStreamId,
  type ProcurementCaseCommand,
} from '@pj/domain';
import type { EventStore, RecordedEvent } from '@pj/event-store';
import * as caseFixtures from '../../libs/domain/test/fixtures';
import { remedyTimetable } from '../../libs/domain/test/remedy-timetable.fixture';

// Seeds real histories through the command path, for tests and benchmarks that need a case
// already in performance or a breach already confirmed.

/** The factories the seeded bids disclose: a finding, grievance or standstill may only name registered ones. */
export const SEEDED_FACTORIES = ['factory-big', 'factory-at-threshold', 'factory-small'] as const;

/** Registers a factory in the shared registry, unless some buyer already has. */
export async function seedFactory(store: EventStore, factoryId: string, organisationId: string): Promise<void> {
  if ((await store.readStream(factoryStreamId(factoryId))).length > 0) return;
  await handleCommand(store, factoryRegistry, factoryStreamId(factoryId), {
    type: 'RegisterFactory',
    data: {
      factoryId,
      name: `Factory ${factoryId}`,
      address: 'Industrial zone',
      country: 'CN',
      tier: 1,
      products: ['computers'],
      numberOfWorkers: 800,
    },
    metadata: {
      commandId: `seed-factory-${factoryId}`,
      now: new Date().toISOString(),
      actor: { id: 'contract-manager-1', role: 'contract_manager' },
      organisationId,
      calendar: { timeZone: 'UTC' },
    },
  });
}

/** A case through tender, two bids, evaluation and award to a signed contract; its factories registered. */
export async function seedSignedContract(store: EventStore, caseId: string, organisationId: string): Promise<void> {
  const { open, screen, adoptPolicy, publish, bid, closeBidding, evaluate, awardTo, signContract } = caseFixtures;
  const journey: ProcurementCaseCommand[] = [
    open(),
    screen(),
    adoptPolicy(),
    publish(),
    bid('bid-a'),
    bid('bid-b', { price: 240_000 }),
    closeBidding(),
    evaluate('bid-a', 80),
    evaluate('bid-b', 60),
    awardTo('bid-a'),
    signContract(),
  ];
  for (const factoryId of SEEDED_FACTORIES) await seedFactory(store, factoryId, organisationId);
  for (const command of journey)
    await handleCommand(store, procurementCase, procurementCaseStreamId(organisationId, caseId), {
      ...command,
      data: { ...command.data, caseId },
      metadata: { ...command.metadata, commandId: randomUUID(), organisationId },
    } as ProcurementCaseCommand);
}

/** A finding at one of the contract's factories, recorded by a monitor and confirmed as a breach. */
export async function seedConfirmedBreach(
  store: EventStore,
  options: { caseId: string; findingId: string; organisationId: string; now: string },
): Promise<{ recorded: RecordedEvent; confirmed: RecordedEvent }> {
  const { caseId, findingId, organisationId, now } = options;
  const meta = (role: string) => ({
    commandId: randomUUID(),
    now,
    actor: { id: `${role}-1`, role },
    organisationId,
    calendar: { timeZone: 'UTC' },
  });
  const recorded = await handleCommand(store, finding, findingStreamId(organisationId, findingId), {
    type: 'RecordFinding',
    data: {
      findingId,
      factoryId: 'factory-big',
      caseId,
      source: 'ngo_report',
      severity: 'high',
      standardBreached: 'ILO C1 hours of work',
      workersAffected: 120,
      description: 'Excessive overtime reported by an NGO',
      evidenceRefs: ['ngo-report-2013'],
      shareableWithOtherBuyers: true,
    },
    metadata: meta('monitor'),
  });
  const confirmed = await handleCommand(store, finding, findingStreamId(organisationId, findingId), {
    type: 'ConfirmBreach',
    data: { findingId, reasons: 'documents confirm it', contractorId: 'supplier-bid-a', remedyTimetable },
    metadata: meta('compliance_officer'),
  });
  return { recorded: recorded.events[0] as RecordedEvent, confirmed: confirmed.events[0] as RecordedEvent };
}

/** A corrective action plan as a supplier submits it: fixing the cause, and remedy for the workers. */
export function correctiveActionPlan(deadline: string, actor = { id: 'supplier-rep', role: 'supplier' }) {
  return {
    actor,
    planId: 'plan-1',
    deadline,
    actions: [
      {
        actionId: 'hours',
        action: 'cap weekly hours at 60',
        forAffectedWorkers: false,
        responsibleParty: 'factory management',
        verificationMethod: 'time records reviewed by the monitor',
        deadline,
        consequenceIfNotDone: 'supply standstill',
      },
      {
        actionId: 'back-pay',
        action: 'pay wage arrears',
        forAffectedWorkers: true,
        responsibleParty: 'contractor',
        verificationMethod: 'worker interviews',
        deadline,
        consequenceIfNotDone: 'termination proposal',
      },
    ],
  };
}
