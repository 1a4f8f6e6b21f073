import fc from 'fast-check';
import { DomainError, finding, grievance, procurementCase, supplyStandstill } from '../src';
import { DeciderSpecification } from './decider-specification';
import { caseCommand, caseId, findingCommand, grievanceCommand, signed, standstillCommand } from './fixtures';
import { remedyTimetable } from './remedy-timetable.fixture';

// Rule 9: an invalid command returns a typed DomainError with a code and a message; nothing throws.
const spec = DeciderSpecification(procurementCase);

describe('invalid commands', () => {
  it('a command for a case not opened is a typed error', () =>
    spec.given([]).when(caseCommand('CloseBidding', { caseId })).thenFails('case.not_found'));

  it('a command for another case is refused', () =>
    spec
      .given(signed())
      .when(caseCommand('CloseContract', { caseId: 'case-2', reasons: 'r' }))
      .thenFails('case.id_mismatch'));

  it('auditors read and never change', () =>
    spec
      .given(signed())
      .when(caseCommand('CloseContract', { caseId, reasons: 'r' }, { role: 'auditor' }))
      .thenFails('actor.read_only'));

  it('every aggregate answers with a DomainError, never a bare Error', () => {
    const errors = [
      finding.decide(
        findingCommand('ConfirmBreach', { findingId: 'x', reasons: 'r', contractorId: 'c', remedyTimetable }),
        finding.initialState(),
      ),
      grievance.decide(
        grievanceCommand('CloseGrievance', { grievanceId: 'x', resolution: 'r', complainantInformed: true }),
        grievance.initialState(),
      ),
      supplyStandstill.decide(
        standstillCommand('LiftSupplyStandstill', { standstillId: 'x', reasons: 'r' }),
        supplyStandstill.initialState(),
      ),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toMatch(/^[a-z_]+\.[a-z_]+$/);
    }
  });

  it('malformed data never makes a decider throw', () =>
    fc.assert(
      fc.property(fc.constantFrom(...signedOrEmpty()), fc.string(), fc.anything(), (given, type, data) => {
        const state = given.reduce(procurementCase.evolve, procurementCase.initialState());
        const command = {
          type: 'SignContract',
          data: { caseId, contractId: type, junk: data },
          metadata: caseCommand('CloseBidding', { caseId }).metadata,
        } as never;
        const result = procurementCase.decide(command, state);
        expect(Array.isArray(result) || result instanceof DomainError).toBe(true);
      }),
      { numRuns: 200 },
    ));
});

function signedOrEmpty() {
  return [[], signed()];
}
