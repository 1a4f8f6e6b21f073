import type { ProcurementCaseCommand, ProcurementCaseEvent } from '../src';
import { procurementCase } from '../src';
import { procurementCaseEventTypes } from '../src';
import { amendmentEvolvers, amendments } from '../src/procurement-case/amendments';
import { awardAndStandstill, awardAndStandstillEvolvers } from '../src/procurement-case/award-and-standstill';
import { bidsAndExclusion, bidsAndExclusionEvolvers } from '../src/procurement-case/bids-and-exclusion';
import { caseDocumentEvolvers, caseDocuments } from '../src/procurement-case/case-documents';
import { closure, closureEvolvers } from '../src/procurement-case/closure';
import { contractPerformance, contractPerformanceEvolvers } from '../src/procurement-case/contract-performance';
import { documentRequestEvolvers, documentRequests } from '../src/procurement-case/document-requests';
import { policyAndTender, policyAndTenderEvolvers } from '../src/procurement-case/policy-and-tender';
import { caseId, metadata } from './fixtures';

// The case decider routes each command and event by its type to one function. A type it has no
// function for is a bug upstream (unvalidated input), so it throws, as the switch it replaced did;
// inherited keys such as `toString` are no types.
describe('the procurement case router', () => {
  const unknownCommand = (type: string) =>
    ({ type, data: { caseId }, metadata: metadata() }) as unknown as ProcurementCaseCommand;
  const unknownEvent = (type: string) => ({ type, data: { caseId } }) as unknown as ProcurementCaseEvent;

  it.each(['SubmitBdi', 'toString', 'constructor', '__proto__'])('throws on the command type %s', (type) =>
    expect(() => procurementCase.decide(unknownCommand(type), procurementCase.initialState())).toThrow(
      /^unhandled case: /,
    ),
  );

  it.each(['BidSubmited', 'toString', 'hasOwnProperty'])('throws on the event type %s', (type) =>
    expect(() => procurementCase.evolve(procurementCase.initialState(), unknownEvent(type))).toThrow(
      /^unhandled case: /,
    ),
  );

  // The router spreads the stages' tables; a type in two stages would silently take the last one.
  it('decides each command, and evolves each event, in exactly one stage', () => {
    const commandTypes = [
      policyAndTender,
      bidsAndExclusion,
      awardAndStandstill,
      contractPerformance,
      documentRequests,
      amendments,
      caseDocuments,
      closure,
    ].flatMap((stage) => Object.keys(stage));
    const eventTypes = [
      policyAndTenderEvolvers,
      bidsAndExclusionEvolvers,
      awardAndStandstillEvolvers,
      contractPerformanceEvolvers,
      documentRequestEvolvers,
      amendmentEvolvers,
      caseDocumentEvolvers,
      closureEvolvers,
    ].flatMap((stage) => Object.keys(stage));
    expect(new Set(commandTypes).size).toBe(commandTypes.length);
    expect(commandTypes).toHaveLength(46);
    expect([...eventTypes].sort()).toEqual([...procurementCaseEventTypes].sort());
  });
});
