import { procurementCase } from '../src';
import { DeciderSpecification } from './decider-specification';
import { caseCommand, caseId, day, runOn, signed } from './fixtures';

// Rule 4: a breached necessary step can be sanctioned; a KPI tracks progress and carries no
// sanction on its own.
const spec = DeciderSpecification(procurementCase);
const now = day(120);

const breach = (clauseId: string, breachId = 'breach-1') =>
  caseCommand('RecordClauseBreach', { caseId, clauseId, breachId, description: 'factory list not updated' }, { now });
const sanction = (clauseId: string, breachId = 'breach-1') =>
  caseCommand(
    'ImposeSanction',
    {
      caseId,
      sanctionId: 'sanction-1',
      clauseId,
      breachId,
      sanction: 'liquidated_damages',
      amount: 5_000,
      reasons: 'second reminder ignored',
    },
    { now, role: 'compliance_officer' },
  );

describe('performance clauses', () => {
  it('a breached necessary step can be sanctioned', () =>
    spec
      .given(runOn(signed(), [breach('factory-disclosure')]))
      .when(sanction('factory-disclosure'))
      .then([
        {
          type: 'SanctionImposed',
          data: {
            caseId,
            sanctionId: 'sanction-1',
            clauseId: 'factory-disclosure',
            breachId: 'breach-1',
            sanction: 'liquidated_damages',
            amount: 5_000,
            reasons: 'second reminder ignored',
            imposedBy: 'compliance_officer-1',
            imposedAt: now,
          },
        },
      ]));

  it('no sanction without a recorded breach', () =>
    spec.given(signed()).when(sanction('factory-disclosure')).thenFails('sanction.no_breach_recorded'));

  it('a KPI carries no sanction on its own', () =>
    spec.given(signed()).when(sanction('living-wage')).thenFails('sanction.kpi_not_sanctionable'));

  it('a KPI falling short is progress, not a breach', () =>
    spec.given(signed()).when(breach('living-wage')).thenFails('clause.kpi_cannot_be_breached'));

  it('KPI progress is recorded against its target', () =>
    spec
      .given(signed())
      .when(
        caseCommand(
          'RecordKpiProgress',
          { caseId, clauseId: 'living-wage', period: '2026-Q2', value: 35, target: 50 },
          { now },
        ),
      )
      .then([
        {
          type: 'KpiProgressRecorded',
          data: { caseId, clauseId: 'living-wage', period: '2026-Q2', value: 35, target: 50, recordedAt: now },
        },
      ]));

  it('progress is not recorded on a necessary step', () =>
    spec
      .given(signed())
      .when(
        caseCommand(
          'RecordKpiProgress',
          { caseId, clauseId: 'factory-disclosure', period: '2026-Q2', value: 1, target: 1 },
          { now },
        ),
      )
      .thenFails('clause.not_a_kpi'));
});
