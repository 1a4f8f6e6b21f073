import type { components } from '../api/schema';
import { LADDER } from './words';

/** What the charts compute, from the findings and escalations lists (no aggregate read needed). */
export type Finding = Pick<
  components['schemas']['FindingView'],
  'findingId' | 'severity' | 'recordedAt' | 'verifiedAt'
>;
const DAY_MS = 86_400_000;

/** Findings counted by severity per day (a span under two months) or per month. */
export function severityOverTime(findings: readonly Finding[]): Record<string, string | number>[] {
  const times = findings.map((f) => Date.parse(f.recordedAt));
  const byDay = times.length > 0 && Math.max(...times) - Math.min(...times) < 62 * DAY_MS;
  const periods = new Map<string, Record<string, string | number>>();
  for (const f of [...findings].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))) {
    const period = f.recordedAt.slice(0, byDay ? 10 : 7);
    const row = periods.get(period) ?? { period, low: 0, medium: 0, high: 0, critical: 0 };
    row[f.severity] = Number(row[f.severity] ?? 0) + 1;
    periods.set(period, row);
  }
  return [...periods.values()];
}

/** Breaches counted by the highest ladder step taken. */
export function breachesByStep(ladders: readonly (readonly string[])[]): { step: string; breaches: number }[] {
  const rungs = [{ step: 'none', label: 'Not escalated' }, ...LADDER];
  const counts = new Map(rungs.map(({ step }) => [step, 0]));
  for (const taken of ladders) {
    const highest = [...LADDER].reverse().find(({ step }) => taken.includes(step))?.step ?? 'none';
    counts.set(highest, (counts.get(highest) ?? 0) + 1);
  }
  return rungs.map(({ step, label }) => ({ step: label, breaches: counts.get(step) ?? 0 }));
}

/** Days from a finding's recording to its verified remediation, one bar per verified finding. */
export function daysToVerifiedRemediation(findings: readonly Finding[]): { finding: string; days: number }[] {
  return findings
    .filter((f) => f.verifiedAt)
    .map((f) => ({
      finding: f.findingId,
      days: Math.round(((Date.parse(f.verifiedAt!) - Date.parse(f.recordedAt)) / DAY_MS) * 10) / 10,
    }))
    .sort((a, b) => a.days - b.days);
}
