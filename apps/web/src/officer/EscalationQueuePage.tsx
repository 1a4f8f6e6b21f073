import { Alert, Anchor, Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../layout/usePageTitle';
import { useEscalations } from './queries';
import { useCaseEvents } from '../live/useCaseEvents';
import { ESCALATION_STATUS_LABELS, LADDER, ladderLabel, SEVERITY_COLORS, when } from './words';

/** The ladder as a row of rungs, those taken filled; read out as "on the ladder: <last step>". */
export function LadderRungs({ taken }: { taken: readonly string[] }) {
  const last = taken.at(-1);
  return (
    <Group gap={4} wrap="nowrap" aria-label={`On the ladder: ${ladderLabel(last)}`} role="img">
      {LADDER.map(({ step, label }) => (
        <Badge
          key={step}
          size="sm"
          variant={taken.includes(step) ? 'filled' : 'outline'}
          color={taken.includes(step) ? 'red.9' : 'gray.7'}
          title={label}
        >
          {label}
        </Badge>
      ))}
    </Group>
  );
}

/** The escalation queue (GET /escalations): each open breach with its place on the ladder. Live. */
export function EscalationQueuePage() {
  usePageTitle('Escalation queue');
  const queue = useEscalations();
  const breaches = queue.data?.items ?? [];
  useCaseEvents(
    breaches.map((breach) => breach.caseId),
    [['escalations'], ['inbox']],
  );

  return (
    <Stack>
      <Title order={1}>Escalation queue</Title>
      <Text>Open breaches, the nearest deadline first, with the steps of the escalation ladder taken.</Text>
      {queue.isPending && <Loader aria-label="Loading the queue" />}
      {queue.isError && (
        <Alert color="red" title="The escalation queue could not be read">
          {queue.error.message}
        </Alert>
      )}
      {queue.isSuccess && breaches.length === 0 && <Text>No open breach.</Text>}
      {breaches.length > 0 && (
        <Table striped aria-label="Breaches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Breach</Table.Th>
              <Table.Th>Severity</Table.Th>
              <Table.Th>Contractor · factory</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Ladder</Table.Th>
              <Table.Th>Next deadline</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {breaches.map((breach) => (
              <Table.Tr key={breach.findingId}>
                <Table.Td>
                  <Anchor component={Link} to={`/officer/findings/${encodeURIComponent(breach.findingId)}`}>
                    {breach.findingId}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge autoContrast color={SEVERITY_COLORS[breach.severity] ?? 'gray.7'}>
                    {breach.severity}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {breach.contractorId} · {breach.factoryId}
                </Table.Td>
                <Table.Td>{ESCALATION_STATUS_LABELS[breach.status] ?? breach.status}</Table.Td>
                <Table.Td>
                  <LadderRungs taken={breach.ladderStepsTaken} />
                </Table.Td>
                <Table.Td>
                  {when(breach.nextDeadline)}
                  {breach.nextDeadlineKind && <Text size="xs">{breach.nextDeadlineKind.replace(/_/g, ' ')}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
