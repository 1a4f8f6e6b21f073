import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Card, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import { usePageTitle } from '../layout/usePageTitle';
import { useEscalations } from './queries';
import { breachesByStep, daysToVerifiedRemediation, severityOverTime, type Finding } from './chart-data';
import { SEVERITY_COLORS } from './words';

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
          summary={`${findings.data.length} ${findings.data.length === 1 ? 'finding' : 'findings'}; ${SEVERITIES.map(
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
          <BarChart
            h={260}
            data={days}
            dataKey="finding"
            minBarSize={3}
            series={[{ name: 'days', color: 'green.9' }]}
          />
        </Chart>
      </SimpleGrid>
    </Stack>
  );
}
