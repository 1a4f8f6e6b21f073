import {
  currentSchemaVersion,
  DomainError,
  procurementCase,
  upcastEvent,
  type ProcurementCaseEvent,
  type Upcasters,
} from '../src';
import { bid, tendering } from './fixtures';
import { history } from './decider-specification';

describe('event schema versions', () => {
  it('BidSubmitted is at version 2; events never changed stay at 1', () => {
    expect(currentSchemaVersion('BidSubmitted')).toBe(2);
    expect(currentSchemaVersion('CaseOpened')).toBe(1);
    expect(currentSchemaVersion('NotAnEvent')).toBe(1);
  });

  it('a v1 BidSubmitted (share as a fraction) is read as v2 (share in percent)', () => {
    const v1 = {
      caseId: 'case-1',
      bidId: 'bid-a',
      supplierId: 'galls',
      price: 250_000,
      disclosedShare: 0.6,
      factories: [],
      selfDeclarations: {},
      subcontractorIds: [],
      submittedAt: '2015-01-10T00:00:00.000Z',
    };
    const upcast = upcastEvent({ type: 'BidSubmitted', data: v1, schemaVersion: 1 });
    expect(upcast.data).toEqual({ ...v1, disclosedShare: undefined, disclosedSharePercent: 60 });
    expect(upcast.data).not.toHaveProperty('disclosedShare');
  });

  it('an upcast old event folds like a new one', () => {
    const given = tendering();
    const [current] = history(
      { ...procurementCase, initialState: () => given.reduce(procurementCase.evolve, procurementCase.initialState()) },
      [bid('bid-a')],
    );
    const { disclosedSharePercent, ...rest } = current.data as { disclosedSharePercent: number };
    const old = {
      type: 'BidSubmitted',
      data: { ...rest, disclosedShare: disclosedSharePercent / 100 },
      schemaVersion: 1,
    };
    const read = upcastEvent(old) as ProcurementCaseEvent;
    const fold = (events: ProcurementCaseEvent[]) =>
      events.reduce(procurementCase.evolve, procurementCase.initialState());
    expect(fold([...given, read])).toEqual(fold([...given, current]));
  });

  it('current events pass through unchanged', () => {
    const data = { caseId: 'case-1' };
    expect(upcastEvent({ type: 'CaseOpened', data, schemaVersion: 1 })).toEqual({ type: 'CaseOpened', data });
  });

  it('a version from the future is refused with a domain error', () =>
    expect(() => upcastEvent({ type: 'BidSubmitted', data: {}, schemaVersion: 3 })).toThrow(DomainError));

  it('the upcaster table is keyed by event types: a misspelled one does not compile', () => {
    const table: Upcasters = {
      BidSubmitted: { 1: (data) => data },
      // @ts-expect-error a misspelled event type is not a key of the upcaster table
      BidSubmited: { 1: (data) => data },
    };
    expect(Object.keys(table)).toEqual(['BidSubmitted', 'BidSubmited']);
  });
});
