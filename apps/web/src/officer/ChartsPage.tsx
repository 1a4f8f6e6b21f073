import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Card, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';
import { usePageTitle } from '../layout/usePageTitle';
import { useEscalations } from './queries';
import { LADDER, SEVERITY_COLORS } from './words';

type Finding = components['schemas']['FindingView'];
const DAY_MS = 86_400_000;
/** Charts read at most this many findings (pages of 100); more would call for an aggregate read. */
const MOST_PAGES = 20;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

async function allFindings(): Promise<Finding[]> {
  const findings: Finding[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MOST_PAGES; page++) {
    const answer = dataOf(
      await api.GET('/findings', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    findings.push(...answer.items);
    cursor = answer.page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return findings;
}

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

function Chart({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  return (
    <Card withBorder component="figure" m={0} aria-label={title}>
      <Stack gap="xs">
        <Title order={2} size="h3">
          {title}
        </Title>
        {children}
        <Text size="sm" component="figcaption">
          {summary}
        </Text>
      </Stack>
    </Card>
  );
}

/** Charts for the compliance officer, computed from the findings and escalations lists. */
export function ChartsPage() {
  usePageTitle('Charts');
  const findings = useQuery({ queryKey: ['findings', 'all'], queryFn: allFindings });
  const escalations = useEscalations(true);

  if (findings.isPending || escalations.isPending) return <Loader aria-label="Loading the charts" />;
  if (findings.isError || escalations.isError)
    return (
      <Alert color="red" title="The charts could not be read">
        {(findings.error ?? escalations.error)?.message}
      </Alert>
    );
  const bySeverity = severityOverTime(findings.data);
  const byStep = breachesByStep(escalations.data.items.map((breach) => breach.ladderStepsTaken));
  const days = daysToVerifiedRemediation(findings.data);
  const median = days.length ? days[Math.floor((days.length - 1) / 2)]!.days : undefined;

  return (
    <Stack>
      <Title order={1}>Charts</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Chart
          title="Findings by severity over time"
          summary={`${findings.data.length} findings; ${SEVERITIES.map(
            (s) => `${s} ${findings.data.filter((f) => f.severity === s).length}`,
          ).join(', ')}.`}
        >
          <BarChart
            h={260}
            data={bySeverity}
            dataKey="period"
            type="stacked"
            withLegend
            series={SEVERITIES.map((name) => ({ name, color: SEVERITY_COLORS[name]! }))}
          />
        </Chart>
        <Chart
          title="Breaches by ladder step"
          summary={byStep.map(({ step, breaches }) => `${step}: ${breaches}`).join('; ') + '.'}
        >
          <BarChart h={260} data={byStep} dataKey="step" series={[{ name: 'breaches', color: 'red.9' }]} />
        </Chart>
        <Chart
          title="Days from finding to verified remediation"
          summary={
            days.length
              ? `${days.length} ${days.length === 1 ? 'remediation' : 'remediations'} verified; median ${median} days.`
              : 'No remediation verified yet.'
          }
        >
          <BarChart h={260} data={days} dataKey="finding" series={[{ name: 'days', color: 'green.9' }]} />
        </Chart>
      </SimpleGrid>
    </Stack>
  );
}
