import type { ProcurementCaseCommand, ProcurementCaseEvent } from '../src';
import { procurementCase } from '../src';
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
});
