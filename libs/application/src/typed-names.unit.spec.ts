import type { RecordedEvent } from '@pj/event-store';
import type { FindingCommand, ProcurementCaseCommand } from '@pj/domain';
import { referencesOf, type CommandRules, type Parties } from './access';
import { accessPolicies } from './access-rules';
import type { CommandData, CommandOf } from './aggregates';
import { handledTypes, readEvent, type EventHandlers } from './events';

// Type-level: tsc (npm run typecheck) fails if any line marked @ts-expect-error compiles, that is,
// if a misspelled command or event name were accepted. The runtime checks keep Jest honest too.

const bidSubmitted: RecordedEvent = {
  streamId: 'case-org-a/c-1',
  revision: 1,
  position: { commit: 1n, prepare: 1n },
  type: 'BidSubmitted',
  data: { caseId: 'c-1', bidId: 'b-1', supplierId: 's-1', disclosedShare: 0.6 },
  metadata: {
    eventId: 'e-1',
    commandId: 'k-1',
    correlationId: 'k-1',
    causationId: 'k-1',
    actor: { id: 'u-1', role: 'supplier' },
    organisationId: 'org-a',
    recordedAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
} as RecordedEvent;

const metadata = {
  commandId: 'k',
  now: '2026-01-01T00:00:00.000Z',
  actor: { id: 'u', role: 'compliance_officer' },
  organisationId: 'org-a',
  calendar: { timeZone: 'UTC' },
};

describe('command and event names', () => {
  it('a handler table names only event types, and each handler reads its own event', () => {
    const handlers: EventHandlers<string> = {
      BidSubmitted: (event) => `${event.data.supplierId} ${event.data.disclosedSharePercent}`,
      // @ts-expect-error a misspelled event type is not a key of a handler table
      BidSubmited: () => 'never',
    };
    expect(handledTypes(handlers)).toEqual(['BidSubmitted']);
  });

  it('readEvent narrows by type and upcasts', () => {
    const event = readEvent(bidSubmitted);
    // @ts-expect-error a misspelled event type can never be the type of a read event
    expect(event?.type === 'BidSubmited').toBe(false);
    if (event?.type !== 'BidSubmitted') throw new Error('not read as BidSubmitted');
    expect(event.data.disclosedSharePercent).toBe(60);
  });

  it('a command names one of its aggregate command types, with that command data', () => {
    const data: CommandData<'procurementCase', 'CloseBidding'> = { caseId: 'c-1' };
    const command: CommandOf<'procurementCase'> = { type: 'CloseBidding', data, metadata };
    // @ts-expect-error a misspelled command type is not a command of the aggregate
    const misspelled: CommandOf<'procurementCase'> = { type: 'CloseBiding', data, metadata };
    // @ts-expect-error a command of another aggregate is not one of the case's
    const foreign: CommandOf<'procurementCase'> = { type: 'RecordFinding', data, metadata };
    // @ts-expect-error a misspelled command type names no data
    const nothing: CommandData<'procurementCase', 'CloseBiding'> = data;
    expect([command, misspelled, foreign, nothing].map((c) => c && 'type' in c && c.type)).toEqual([
      'CloseBidding',
      'CloseBiding',
      'RecordFinding',
      false,
    ]);
  });

  it('access rules are keyed by command type, and each reads its own command data', () => {
    const nobody = () => ({ supplierIds: [], factoryIds: [] });
    const tables: CommandRules<ProcurementCaseCommand, Parties>[] = [
      { SubmitBid: (data) => ({ supplierIds: [data.supplierId], factoryIds: [] }) },
      // @ts-expect-error a misspelled command type is not a key of an access table
      { SubmitBidd: nobody },
      // @ts-expect-error a command of another aggregate is not a key of the case's table
      { RecordFinding: nobody },
      // @ts-expect-error CloseBidding's data names no supplier
      { CloseBidding: (data) => ({ supplierIds: [data.supplierId], factoryIds: [] }) },
    ];
    expect(tables.map((table) => Object.keys(table)[0])).toEqual([
      'SubmitBid',
      'SubmitBidd',
      'RecordFinding',
      'CloseBidding',
    ]);
    const audit: ProcurementCaseCommand = {
      type: 'RequestIndependentAudit',
      data: { caseId: 'c-1', contractYear: 1, auditId: 'a-1', reasons: ['severe finding'], findingIds: ['f-1', 'f-2'] },
      metadata,
    };
    expect(referencesOf(accessPolicies.procurementCase, [], audit)).toEqual([
      { field: 'findingIds', aggregate: 'finding', id: 'f-1' },
      { field: 'findingIds', aggregate: 'finding', id: 'f-2' },
    ]);
    const dismiss: FindingCommand = { type: 'DismissFinding', data: { findingId: 'f-1', reasons: 'r' }, metadata };
    expect(referencesOf(accessPolicies.finding, [], dismiss)).toEqual([]);
  });
});
