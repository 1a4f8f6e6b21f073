import type {
  CommandOfType,
  CommandsByAggregate,
  EventOfType,
  EventsByAggregate,
  OfType,
  ProcurementCaseEvent,
  RuleCode,
  RuleCodesByAggregate,
} from '@pj/domain';
import { domainEventTypes, eventTypesByAggregate } from '@pj/domain';

// Type-level checks: `tsc --noEmit -p .` fails when a misspelled name compiles or a right one does not.

describe('commands, events and rule codes named by their type', () => {
  it('names one command and one event by its type, and refuses a misspelled name', () => {
    const bid: CommandOfType<'SubmitBid'>['data']['bidId'] = 'bid-1';
    const submitted: EventOfType<'BidSubmitted'>['data']['price'] = 100;
    const confirmed: OfType<EventsByAggregate['finding'], 'BreachConfirmed'>['type'] = 'BreachConfirmed';
    // @ts-expect-error a command that does not exist
    type Misspelled = CommandOfType<'SubmitBdi'>;
    // @ts-expect-error an event that does not exist
    type MisspelledEvent = EventOfType<'BidSubmited'>;
    // @ts-expect-error a finding command is not a case command
    type WrongAggregate = OfType<CommandsByAggregate['procurementCase'], 'ConfirmBreach'>;
    const misspellings: [Misspelled?, MisspelledEvent?, WrongAggregate?] = [];
    expect([bid, submitted, confirmed, misspellings]).toEqual(['bid-1', 100, 'BreachConfirmed', []]);
  });

  it('knows each aggregate’s rule codes', () => {
    const code: RuleCodesByAggregate['procurementCase'] = 'standstill.not_ended';
    const any: RuleCode = 'finding.not_found';
    // @ts-expect-error a rule code no decider answers with
    const unknown: RuleCode = 'standstill.not_over';
    expect([code, any, unknown]).toHaveLength(3);
  });

  it('has the same event types at runtime as in the union', () => {
    const caseEventTypes: readonly ProcurementCaseEvent['type'][] = eventTypesByAggregate['procurement case'];
    expect(caseEventTypes).toContain('ContractSigned');
  });

  it('names each event type in one aggregate only, so EventOfType names exactly one event', () => {
    expect(new Set(domainEventTypes).size).toBe(domainEventTypes.length);
  });
});
