import { escalationLadder, procurementCase, type EscalationStep } from '../src';
import type { Role } from '../src/roles';
import { DeciderSpecification } from './decider-specification';
import { caseCommand, caseId, day, runOn, signed } from './fixtures';

// Rule 8: only a compliance officer decides termination, with reasons, after the escalation
// ladder was followed or with a recorded urgency justification.
const spec = DeciderSpecification(procurementCase);
const now = day(200);

const escalate = (step: EscalationStep, role: Role = 'workflow') =>
  caseCommand(
    'EscalateBreach',
    { caseId, findingId: 'finding-1', step, note: 'corrective action deadline missed' },
    { now, role },
  );
const ladderFollowed = () =>
  runOn(
    signed(),
    escalationLadder.map((step) => escalate(step)),
  );
const terminate = (role: Role, data: { reasons?: string; findingId?: string; urgencyJustification?: string } = {}) =>
  caseCommand(
    'TerminateContract',
    { caseId, reasons: 'forced labour not remedied', findingId: 'finding-1', ...data },
    { now, role },
  );

describe('termination', () => {
  it('a compliance officer may terminate, with reasons, after the ladder', () =>
    spec
      .given(ladderFollowed())
      .when(terminate('compliance_officer'))
      .then([
        {
          type: 'ContractTerminated',
          data: {
            caseId,
            contractId: 'contract-1',
            reasons: 'forced labour not remedied',
            findingId: 'finding-1',
            decidedBy: 'compliance_officer-1',
            decidedByRole: 'compliance_officer',
            terminatedAt: now,
          },
        },
      ]));

  it.each<Role>(['contract_manager', 'workflow', 'supplier', 'monitor'])('a %s cannot terminate', (role) =>
    spec.given(ladderFollowed()).when(terminate(role)).thenFails('termination.compliance_officer_required'),
  );

  it('termination needs reasons', () =>
    spec
      .given(ladderFollowed())
      .when(terminate('compliance_officer', { reasons: '  ' }))
      .thenFails('termination.reasons_required'));

  it('not before the ladder is followed to the end', () =>
    spec
      .given(
        runOn(signed(), [
          escalate('reminder'),
          escalate('escalated_to_compliance_officer'),
          escalate('supply_standstill'),
        ]),
      )
      .when(terminate('compliance_officer'))
      .thenFails('termination.escalation_ladder_incomplete'));

  it('unless urgency is recorded', () =>
    spec
      .given(signed())
      .when(
        terminate('compliance_officer', {
          findingId: undefined,
          urgencyJustification: 'workers locked in dormitories',
        }),
      )
      .thenEmits((events) =>
        expect(events[0]).toMatchObject({
          type: 'ContractTerminated',
          data: { urgencyJustification: 'workers locked in dormitories' },
        }),
      ));

  it('the ladder is climbed one step at a time', () =>
    spec
      .given(runOn(signed(), [escalate('reminder')]))
      .when(escalate('supply_standstill'))
      .thenFails('escalation.step_out_of_order', (error) =>
        expect(error.details.expected).toBe('escalated_to_compliance_officer'),
      ));

  it('a terminated contract cannot be terminated again', () =>
    spec
      .given(runOn(ladderFollowed(), [terminate('compliance_officer')]))
      .when(terminate('compliance_officer'))
      .thenFails('case.wrong_phase'));
});
