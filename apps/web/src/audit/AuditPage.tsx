import { Alert, Anchor, Button, Card, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import { phaseLabel } from '../cases/phases';
import { usePageTitle } from '../layout/usePageTitle';
import { EXPORT_FORMATS, type ExportFormat } from './exportFormats';
import { JobPanel } from './JobPanel';

/**
 * The auditor's desk: verify the organisation's whole history and export it, each as a job with
 * its progress, and pick a case to replay. Reads only: the jobs record nothing in the event store.
 */
export function AuditPage() {
  usePageTitle('Audit');
  const [exportFormat, setExportFormat] = useState<ExportFormat>('jsonl');
  const cases = useQuery({
    queryKey: ['cases', { limit: 100 }],
    queryFn: async () => dataOf(await api.GET('/cases', { params: { query: { limit: 100 } } })),
  });
  const verification = useMutation({
    mutationFn: async () => dataOf(await api.POST('/audit/verifications')),
  });
  const organisationExport = useMutation({
    mutationFn: async (format: ExportFormat) => dataOf(await api.POST('/audit/exports', { body: { format } })),
  });

  return (
    <Stack>
      <Title order={1}>Audit</Title>

      <Card withBorder component="section" aria-labelledby="verification-heading">
        <Stack>
          <Title order={2} size="h3" id="verification-heading">
            Verification
          </Title>
          <Text size="sm">
            Checks every event of the organisation against its hash chain and the newest signed chain head.
          </Text>
          <Group>
            <Button onClick={() => verification.mutate()} loading={verification.isPending}>
              Verify the organisation
            </Button>
          </Group>
          {verification.isError && <Alert color="red">{verification.error.message}</Alert>}
          {verification.data && (
            <JobPanel key={verification.data.jobId} jobId={verification.data.jobId} title="Verification" />
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="export-heading">
        <Stack>
          <Title order={2} size="h3" id="export-heading">
            Export
          </Title>
          <Group align="flex-end">
            <Select
              w={380}
              label="Format"
              data={EXPORT_FORMATS}
              value={exportFormat}
              allowDeselect={false}
              onChange={(value) => value && setExportFormat(value as ExportFormat)}
            />
            <Button
              onClick={() => organisationExport.mutate(exportFormat)}
              loading={organisationExport.isPending}
              variant="default"
            >
              Export the organisation
            </Button>
          </Group>
          {organisationExport.isError && <Alert color="red">{organisationExport.error.message}</Alert>}
          {organisationExport.data && (
            <JobPanel key={organisationExport.data.jobId} jobId={organisationExport.data.jobId} title="Export" />
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="replay-heading">
        <Stack>
          <Title order={2} size="h3" id="replay-heading">
            Replay a case
          </Title>
          {cases.isPending && <Loader aria-label="Loading cases" />}
          {cases.isError && <Alert color="red">{cases.error.message}</Alert>}
          {cases.isSuccess && cases.data.items.length === 0 && <Text>No case yet.</Text>}
          {cases.isSuccess && cases.data.items.length > 0 && (
            <Table aria-label="Cases to replay">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Phase</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.data.items.map((item) => (
                  <Table.Tr key={item.caseId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/audit/cases/${item.caseId}`}>
                        {item.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{phaseLabel(item.phase)}</Table.Td>
                    <Table.Td>{new Date(item.updatedAt).toLocaleString()}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
