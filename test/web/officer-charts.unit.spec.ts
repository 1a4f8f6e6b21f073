import {
  breachesByStep,
  daysToVerifiedRemediation,
  severityOverTime,
  type Finding,
} from '../../apps/web/src/officer/chart-data';

const finding = (
  findingId: string,
  severity: Finding['severity'],
  recordedAt: string,
  verifiedAt: string | null = null,
): Finding => ({
  findingId,
  severity,
  recordedAt,
  verifiedAt,
});

describe('the officer’s charts, computed from the lists', () => {
  it('counts findings by severity per day within two months, per month beyond', () => {
    expect(
      severityOverTime([
        finding('b', 'high', '2026-03-02T10:00:00.000Z'),
        finding('a', 'low', '2026-03-01T10:00:00.000Z'),
        finding('c', 'high', '2026-03-02T11:00:00.000Z'),
      ]),
    ).toEqual([
      { period: '2026-03-01', low: 1, medium: 0, high: 0, critical: 0 },
      { period: '2026-03-02', low: 0, medium: 0, high: 2, critical: 0 },
    ]);
    expect(
      severityOverTime([
        finding('a', 'critical', '2026-01-05T10:00:00.000Z'),
        finding('b', 'medium', '2026-04-20T10:00:00.000Z'),
        finding('c', 'critical', '2026-01-30T10:00:00.000Z'),
      ]),
    ).toEqual([
      { period: '2026-01', low: 0, medium: 0, high: 0, critical: 2 },
      { period: '2026-04', low: 0, medium: 1, high: 0, critical: 0 },
    ]);
    expect(severityOverTime([])).toEqual([]);
  });

  it('counts breaches by the highest ladder step taken', () => {
    expect(
      breachesByStep([
        [],
        ['reminder'],
        ['reminder', 'escalated_to_compliance_officer', 'supply_standstill'],
        ['reminder', 'escalated_to_compliance_officer', 'supply_standstill', 'termination_proposed'],
        ['reminder', 'escalated_to_compliance_officer', 'supply_standstill'],
      ]),
    ).toEqual([
      { step: 'Not escalated', breaches: 1 },
      { step: 'Reminder', breaches: 1 },
      { step: 'Escalated to officer', breaches: 0 },
      { step: 'Supply standstill', breaches: 2 },
      { step: 'Termination proposed', breaches: 1 },
    ]);
  });

  it('gives the days from finding to verified remediation of verified findings only, fewest first', () => {
    expect(
      daysToVerifiedRemediation([
        finding('slow', 'high', '2026-01-01T00:00:00.000Z', '2026-03-02T12:00:00.000Z'),
        finding('open', 'high', '2026-01-01T00:00:00.000Z'),
        finding('fast', 'low', '2026-01-01T00:00:00.000Z', '2026-01-11T06:00:00.000Z'),
      ]),
    ).toEqual([
      { finding: 'fast', days: 10.3 },
      { finding: 'slow', days: 60.5 },
    ]);
  });
});
