import { Alert, Anchor, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import { usePageTitle } from '../layout/usePageTitle';
import { FINDING_STATUS } from './words';

/** The monitor's factories (GET /factories: those it is assigned to) and the findings it can follow (GET /findings). */
export function MonitorFactoriesPage() {
  usePageTitle('My factories');
  const factories = useQuery({
    queryKey: ['factories'],
    queryFn: async () => dataOf(await api.GET('/factories', { params: { query: { limit: 100 } } })),
  });
  const findings = useQuery({
    queryKey: ['findings', { sort: '-recordedAt' }],
    queryFn: async () => dataOf(await api.GET('/findings', { params: { query: { sort: '-recordedAt', limit: 100 } } })),
  });

  return (
    <Stack>
      <Title order={1}>My factories</Title>
      {factories.isPending && <Loader aria-label="Loading factories" />}
      {factories.isError && (
        <Alert color="red" title="The factories could not be read">
          {factories.error.message}
        </Alert>
      )}
      {factories.isSuccess && factories.data.items.length === 0 && (
        <Text>No factory is assigned to you, or yours are not in the registry yet.</Text>
      )}
      {factories.isSuccess && factories.data.items.length > 0 && (
        <Table striped aria-label="Factories">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Factory</Table.Th>
              <Table.Th>Country</Table.Th>
              <Table.Th>Workers</Table.Th>
              <Table.Th>Findings</Table.Th>
              <Table.Th>Standstills in force</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {factories.data.items.map((factory) => (
              <Table.Tr key={factory.factoryId}>
                <Table.Td>
                  <Anchor component={Link} to={`/monitor/factories/${encodeURIComponent(factory.factoryId)}`}>
                    {factory.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{factory.country}</Table.Td>
                <Table.Td>{factory.numberOfWorkers}</Table.Td>
                <Table.Td>{factory.visibleFindings}</Table.Td>
                <Table.Td>{factory.standstillsInForce}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Title order={2} size="h3">
        Findings
      </Title>
      {findings.isPending && <Loader aria-label="Loading findings" />}
      {findings.isError && (
        <Alert color="red" title="The findings could not be read">
          {findings.error.message}
        </Alert>
      )}
      {findings.isSuccess && findings.data.items.length === 0 && <Text>No finding yet.</Text>}
      {findings.isSuccess && findings.data.items.length > 0 && (
        <Table striped aria-label="Findings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Finding</Table.Th>
              <Table.Th>Factory</Table.Th>
              <Table.Th>Severity</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Evidence</Table.Th>
              <Table.Th>Next deadline</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {findings.data.items.map((finding) => (
              <Table.Tr key={finding.findingId}>
                <Table.Td>
                  {finding.findingId}: {finding.standardBreached}
                </Table.Td>
                <Table.Td>{finding.factoryId}</Table.Td>
                <Table.Td>{finding.severity}</Table.Td>
                <Table.Td>{FINDING_STATUS[finding.status] ?? finding.status}</Table.Td>
                <Table.Td>{finding.evidenceCount}</Table.Td>
                <Table.Td>{finding.nextDeadline ? new Date(finding.nextDeadline).toLocaleString() : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
