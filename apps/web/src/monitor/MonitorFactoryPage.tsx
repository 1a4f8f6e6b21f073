import {
  Alert,
  Card,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';
import { CommandForm } from '../commands/CommandForm';
import { useCommand } from '../commands/useCommand';
import { usePageTitle } from '../layout/usePageTitle';
import { EVIDENCE_KINDS, FINDING_STATUS, SEVERITIES, SOURCES } from './words';

type Factory = components['schemas']['FactoryDetail'];
type Finding = components['schemas']['FindingView'];
type Report = Omit<components['schemas']['RecordFindingDto'], 'commandId' | 'caseId' | 'factoryId'>;
type Evidence = Omit<components['schemas']['AddFindingEvidenceDto'], 'commandId'> & { findingId: string };

/**
 * One of the monitor's factories (GET /factories/{id}): its findings, a report filed with its
 * evidence (POST /findings), and more evidence added to a finding already filed
 * (POST /findings/{id}/evidence).
 */
export function MonitorFactoryPage() {
  usePageTitle('Factory');
  const { factoryId = '' } = useParams();
  const factory = useQuery({
    queryKey: ['factories', factoryId],
    queryFn: async () => dataOf(await api.GET('/factories/{factoryId}', { params: { path: { factoryId } } })),
  });
  // The findings list, not the factory's, carries each finding's evidence count.
  const findings = useQuery({
    queryKey: ['findings', { factoryId }],
    queryFn: async () =>
      dataOf(await api.GET('/findings', { params: { query: { factoryId, sort: '-recordedAt', limit: 100 } } })),
  });
  const filed = findings.data?.items ?? [];

  return (
    <Stack maw={960}>
      <Title order={1}>{factory.data?.name ?? `Factory ${factoryId}`}</Title>
      {factory.isPending && <Loader aria-label="Loading the factory" />}
      {factory.isError && (
        <Alert color="red" title="The factory could not be read">
          {factory.error.message}
        </Alert>
      )}
      {factory.isSuccess && (
        <>
          <Card withBorder>
            <Stack gap={4}>
              <Text>
                {factory.data.address}, {factory.data.country} · tier {factory.data.tier}
              </Text>
              <Text>
                {factory.data.numberOfWorkers} workers · {factory.data.products.join(', ')}
              </Text>
              <Text>Standstills in force: {factory.data.standstillsInForce}</Text>
            </Stack>
          </Card>
          {findings.isError && (
            <Alert color="red" title="The findings could not be read">
              {findings.error.message}
            </Alert>
          )}
          <FactoryFindings findings={filed} />
          <ReportForm factory={factory.data} />
          {filed.length > 0 && <EvidenceForm findings={filed} />}
        </>
      )}
    </Stack>
  );
}

function FactoryFindings({ findings }: { findings: readonly Finding[] }) {
  return (
    <Stack>
      <Title order={2} size="h3">
        Findings here
      </Title>
      {findings.length === 0 ? (
        <Text>No finding at this factory yet.</Text>
      ) : (
        <Table striped aria-label="Findings at this factory">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Finding</Table.Th>
              <Table.Th>Standard breached</Table.Th>
              <Table.Th>Workers affected</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Evidence</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {findings.map((finding) => (
              <Table.Tr key={finding.findingId}>
                <Table.Td>{finding.findingId}</Table.Td>
                <Table.Td>{finding.standardBreached}</Table.Td>
                <Table.Td>{finding.workersAffected}</Table.Td>
                <Table.Td>{FINDING_STATUS[finding.status] ?? finding.status}</Table.Td>
                <Table.Td>{finding.evidenceCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

const newReportId = () => `report-${crypto.randomUUID().slice(0, 8)}`;

/** Files a report about this factory with its evidence (RecordFinding). */
function ReportForm({ factory }: { factory: Factory }) {
  const form = useForm<Report>({
    mode: 'controlled',
    initialValues: {
      findingId: newReportId(),
      source: 'worker_driven_monitor',
      severity: 'medium',
      standardBreached: '',
      workersAffected: 0,
      description: '',
      evidenceRefs: [],
      shareableWithOtherBuyers: false,
    },
  });
  const command = useCommand({
    form,
    send: (report, headers) => api.POST('/findings', { body: { ...report, factoryId: factory.factoryId }, headers }),
    onAccepted: () => {
      notifications.show({
        color: 'green',
        message: `Report ${form.getValues().findingId} filed.`,
        closeButtonProps: { 'aria-label': 'Hide this message' },
      });
      form.setValues({ ...form.values, findingId: newReportId(), description: '', evidenceRefs: [] });
    },
  });

  return (
    <Stack>
      <Title order={2} size="h3">
        File a report
      </Title>
      <CommandForm command={command} submitLabel="File the report">
        <Group grow align="flex-start">
          <TextInput
            label="Report id"
            description="Yours to choose; kept if you send again"
            required
            {...form.getInputProps('findingId')}
          />
          <Select label="Source" data={SOURCES} allowDeselect={false} {...form.getInputProps('source')} />
          <Select label="Severity" data={SEVERITIES} allowDeselect={false} {...form.getInputProps('severity')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label="Standard breached"
            description="e.g. ILO C1 hours of work"
            required
            {...form.getInputProps('standardBreached')}
          />
          <NumberInput label="Workers affected" min={0} required {...form.getInputProps('workersAffected')} />
        </Group>
        <Textarea label="What was found" required autosize minRows={3} {...form.getInputProps('description')} />
        <TagsInput
          label="Evidence"
          description="References to the evidence (interview records, photos, documents); press Enter after each"
          {...form.getInputProps('evidenceRefs')}
        />
        <Checkbox
          label="Other buyers sourcing from this factory may see it"
          {...form.getInputProps('shareableWithOtherBuyers', { type: 'checkbox' })}
        />
      </CommandForm>
    </Stack>
  );
}

/** Adds evidence to a finding already filed here (AddFindingEvidence). */
function EvidenceForm({ findings }: { findings: readonly Finding[] }) {
  const form = useForm<Evidence>({
    mode: 'controlled',
    initialValues: {
      findingId: findings[0]?.findingId ?? '',
      evidenceRef: '',
      kind: 'monitoring_report',
      note: '',
    },
  });
  const command = useCommand({
    form,
    send: ({ findingId, ...evidence }, headers) =>
      api.POST('/findings/{findingId}/evidence', { params: { path: { findingId } }, body: evidence, headers }),
    onAccepted: () => {
      notifications.show({
        color: 'green',
        message: `Evidence ${form.getValues().evidenceRef} added to ${form.getValues().findingId}.`,
        closeButtonProps: { 'aria-label': 'Hide this message' },
      });
      form.setValues({ ...form.values, evidenceRef: '', note: '' });
    },
  });

  return (
    <Stack>
      <Title order={2} size="h3">
        Add evidence to a finding
      </Title>
      <CommandForm command={command} submitLabel="Add the evidence">
        <Group grow align="flex-start">
          <Select
            label="Finding"
            data={findings.map((finding) => finding.findingId)}
            allowDeselect={false}
            {...form.getInputProps('findingId')}
          />
          <Select
            label="Kind of evidence"
            data={EVIDENCE_KINDS}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
        </Group>
        <TextInput label="Evidence reference" required {...form.getInputProps('evidenceRef')} />
        <TextInput label="Note" required {...form.getInputProps('note')} />
      </CommandForm>
    </Stack>
  );
}
