import {
  Alert,
  Badge,
  Card,
  Checkbox,
  Group,
  List,
  Loader,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';
import { useCommand, type Accepted } from '../commands/useCommand';
import { usePageTitle } from '../layout/usePageTitle';
import { useSession } from '../session/session';
import { DecisionForm } from './DecisionForm';
import { LadderRungs } from './EscalationQueuePage';
import { useCaseEvents } from '../live/useCaseEvents';
import { ESCALATION_STATUS_LABELS, ladderLabel, SEVERITY_COLORS, when } from './words';

type Finding = components['schemas']['FindingDetail'];
type Standstill = components['schemas']['StandstillView'];

/** The breach-escalation workflow's own view (GET /findings/{id}/escalation; see @pj/contracts). */
interface WorkflowStatus {
  readonly status?: 'starting';
  readonly step?: string;
  readonly nextDeadline?: string;
  readonly nextDeadlineKind?: string;
  readonly ladderStepsTaken?: readonly string[];
  readonly submittedPlanId?: string;
  readonly standstillProposal?: 'awaiting_decision' | 'imposed' | 'declined';
  readonly standstillIds?: readonly string[];
  readonly terminationProposed?: boolean;
}

const reasonsRequired = (value: string) => (value.trim() ? null : 'Give the reasons for the decision');

const decided = (what: string) => () =>
  notifications.show({
    color: 'green',
    message: what,
    closeButtonProps: { 'aria-label': 'Hide this message' },
  });

/**
 * A finding as the compliance officer works it: what was found, its place on the escalation
 * ladder, the corrective action plan to approve, the decisions waiting (standstill, termination,
 * lifting; each confirmed before it is sent) and the decisions taken, with their reasons.
 */
export function FindingPage() {
  const { findingId = '' } = useParams();
  usePageTitle(`Finding ${findingId}`);
  const session = useSession();
  const officer = session?.user.role === 'compliance_officer';
  const path = { params: { path: { findingId } } };

  const finding = useQuery({
    queryKey: ['finding', findingId],
    queryFn: async () => dataOf(await api.GET('/findings/{findingId}', path)),
  });
  const workflow = useQuery({
    queryKey: ['finding-escalation', findingId],
    queryFn: async () => dataOf(await api.GET('/findings/{findingId}/escalation', path)) as unknown as WorkflowStatus,
    enabled: !!finding.data?.breach,
  });
  const caseId = finding.data?.caseId ?? undefined;
  const standstills = useQuery({
    queryKey: ['standstills', caseId],
    queryFn: async () => dataOf(await api.GET('/supply-standstills', { params: { query: { caseId, limit: 100 } } })),
    enabled: !!caseId,
  });
  useCaseEvents(caseId ? [caseId] : [], [
    ['finding'],
    ['finding-escalation'],
    ['standstills'],
    ['inbox'],
    ['escalations'],
  ]);

  if (finding.isPending) return <Loader aria-label="Loading the finding" />;
  if (finding.isError)
    return (
      <Alert color="red" title="The finding could not be read">
        {finding.error.message}
      </Alert>
    );
  const f = finding.data;
  const status = workflow.data;
  const ours = (standstills.data?.items ?? []).filter((s) => s.findingIds.includes(f.findingId));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Finding {f.findingId}</Title>
        <Group>
          <Badge autoContrast color={SEVERITY_COLORS[f.severity] ?? 'gray.7'}>
            {f.severity}
          </Badge>
          <Badge variant="outline" color="gray.8">
            {f.status.replace(/_/g, ' ')}
          </Badge>
        </Group>
      </Group>

      <Card withBorder component="section" aria-label="What was found">
        <Stack gap="xs">
          <Text fw={700}>{f.standardBreached}</Text>
          <Text>{f.description}</Text>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Fact label="Factory" value={f.factoryId ?? '—'} />
            <Fact label="Contractor" value={f.contractorId ?? '—'} />
            <Fact label="Workers affected" value={String(f.workersAffected)} />
            <Fact label="Recorded" value={when(f.recordedAt)} />
          </SimpleGrid>
        </Stack>
      </Card>

      {status?.step && (
        <Card withBorder component="section" aria-label="Escalation">
          <Stack gap="xs">
            <Title order={2} size="h3">
              Escalation
            </Title>
            <LadderRungs taken={status.ladderStepsTaken ?? []} />
            <Text>
              Where it stands:{' '}
              <strong>{ESCALATION_STATUS_LABELS[status.step] ?? status.step.replace(/_/g, ' ')}</strong>
              {status.nextDeadline &&
                ` · next deadline ${when(status.nextDeadline)} (${
                  status.nextDeadlineKind?.startsWith('plan')
                    ? status.nextDeadlineKind.replace(/_/g, ' ')
                    : ladderLabel(status.nextDeadlineKind)
                })`}
            </Text>
          </Stack>
        </Card>
      )}

      <PlanSection finding={f} />

      {officer && status?.step === 'awaiting_plan_approval' && f.correctiveActionPlan?.planId && (
        <PlanApproval findingId={f.findingId} planId={f.correctiveActionPlan.planId} />
      )}
      {officer && status?.standstillProposal === 'awaiting_decision' && (
        <StandstillDecision
          findingId={f.findingId}
          factoryIds={
            (f.standstillProposal as { factoryIds?: string[] } | null)?.factoryIds ?? (f.factoryId ? [f.factoryId] : [])
          }
        />
      )}
      {officer && status?.step === 'awaiting_termination_decision' && <TerminationDecision findingId={f.findingId} />}
      {officer && status?.step === 'awaiting_standstill_lifting' && <LiftingConfirmation findingId={f.findingId} />}

      <DecisionsTaken finding={f} standstills={ours} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

function PlanSection({ finding }: { finding: Finding }) {
  const plan = finding.correctiveActionPlan;
  if (!plan) return null;
  return (
    <Card withBorder component="section" aria-label="Corrective action plan">
      <Stack gap="xs">
        <Title order={2} size="h3">
          Corrective action plan {plan.planId ?? ''}
        </Title>
        <Text>
          {plan.status.replace(/_/g, ' ')}
          {plan.dueBy && ` · due by ${when(plan.dueBy)}`}
          {plan.submittedAt && ` · submitted ${when(plan.submittedAt)} by ${plan.submittedBy ?? '—'}`}
          {plan.deadline && ` · deadline ${when(plan.deadline)}`}
          {plan.deadlineMissed && plan.status !== 'deadline_missed' && ' · deadline missed'}
        </Text>
        {plan.actions.length > 0 && (
          <Table aria-label="Planned actions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Action</Table.Th>
                <Table.Th>For the workers</Table.Th>
                <Table.Th>Responsible</Table.Th>
                <Table.Th>Verified by</Table.Th>
                <Table.Th>Deadline</Table.Th>
                <Table.Th>If not done</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.actions.map((action) => (
                <Table.Tr key={action.actionId}>
                  <Table.Td>{action.action}</Table.Td>
                  <Table.Td>{action.forAffectedWorkers ? 'yes' : 'no'}</Table.Td>
                  <Table.Td>{action.responsibleParty}</Table.Td>
                  <Table.Td>{action.verificationMethod}</Table.Td>
                  <Table.Td>{when(action.deadline)}</Table.Td>
                  <Table.Td>{action.consequenceIfNotDone}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

function PlanApproval({ findingId, planId }: { findingId: string; planId: string }) {
  const form = useForm<components['schemas']['ApproveCorrectiveActionPlanDto']>({
    mode: 'controlled',
    initialValues: { planId },
  });
  const command = useCommand({
    form,
    send: (body, headers) =>
      api.POST('/findings/{findingId}/corrective-action-plan/approval', {
        params: { path: { findingId } },
        body,
        headers,
      }) as Promise<{ data?: Accepted; error?: unknown; response: Response }>,
    onAccepted: decided(`Plan ${planId} approved: its deadline now runs.`),
  });
  return (
    <DecisionForm
      title="Approve the plan"
      command={command}
      confirmLabel="Confirm: approve the plan"
      fields={
        <Text>
          Approving plan {planId} agrees its actions and deadline; the escalation ladder climbs if the deadline slips.
        </Text>
      }
      summary={(values) => <Text>Approve corrective action plan {values.planId}.</Text>}
    />
  );
}

function StandstillDecision({ findingId, factoryIds }: { findingId: string; factoryIds: readonly string[] }) {
  const form = useForm<components['schemas']['DecideSupplyStandstillDto']>({
    mode: 'controlled',
    initialValues: { decision: 'impose', factoryIds: [...factoryIds], scope: 'contract', reasons: '' },
    validate: { reasons: reasonsRequired },
  });
  const command = useCommand({
    form,
    send: (values, headers) =>
      api.POST('/findings/{findingId}/standstill-decision', {
        params: { path: { findingId } },
        body: values.decision === 'impose' ? values : { decision: values.decision, reasons: values.reasons },
        headers,
      }) as Promise<{ data?: Accepted; error?: unknown; response: Response }>,
    onAccepted: decided('Your decision on the standstill is recorded.'),
  });
  const impose = form.getValues().decision === 'impose';
  return (
    <DecisionForm
      title="Decide on the proposed supply standstill"
      command={command}
      confirmLabel="Confirm the standstill decision"
      fields={
        <>
          <Radio.Group label="Decision" required {...form.getInputProps('decision')}>
            <Group mt="xs">
              <Radio value="impose" label="Impose the standstill" />
              <Radio value="decline" label="Decline it" />
            </Group>
          </Radio.Group>
          {impose && (
            <>
              <Checkbox.Group label="Factories whose supply stops" {...form.getInputProps('factoryIds')}>
                <Group mt="xs">
                  {factoryIds.map((id) => (
                    <Checkbox key={id} value={id} label={id} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Radio.Group label="Scope" {...form.getInputProps('scope')}>
                <Group mt="xs">
                  <Radio value="contract" label="This contract" />
                  <Radio value="buyer" label="Every contract with the contractor" />
                </Group>
              </Radio.Group>
            </>
          )}
          <Textarea label="Reasons" required autosize minRows={2} {...form.getInputProps('reasons')} />
        </>
      }
      summary={(values) =>
        values.decision === 'impose' ? (
          <Text>
            Impose a supply standstill on {(values.factoryIds ?? []).join(', ') || 'no factory'} (
            {values.scope === 'buyer' ? 'every contract with the contractor' : 'this contract'}), because: “
            {values.reasons}”.
          </Text>
        ) : (
          <Text>Decline the proposed standstill, because: “{values.reasons}”.</Text>
        )
      }
    />
  );
}

function TerminationDecision({ findingId }: { findingId: string }) {
  const form = useForm<components['schemas']['DecideTerminationDto']>({
    mode: 'controlled',
    initialValues: { decision: 'keep_contract', reasons: '' },
    validate: { reasons: reasonsRequired },
  });
  const command = useCommand({
    form,
    send: (body, headers) =>
      api.POST('/findings/{findingId}/termination-decision', {
        params: { path: { findingId } },
        body,
        headers,
      }) as Promise<{ data?: Accepted; error?: unknown; response: Response }>,
    onAccepted: decided('Your decision on the termination proposal is recorded.'),
  });
  return (
    <DecisionForm
      title="Decide on the termination proposal"
      command={command}
      confirmLabel="Confirm the termination decision"
      fields={
        <>
          <Radio.Group label="Decision" required {...form.getInputProps('decision')}>
            <Group mt="xs">
              <Radio value="keep_contract" label="Keep the contract" />
              <Radio value="terminate" label="Terminate the contract" />
            </Group>
          </Radio.Group>
          <Textarea label="Reasons" required autosize minRows={2} {...form.getInputProps('reasons')} />
        </>
      }
      summary={(values) => (
        <Text>
          {values.decision === 'terminate' ? 'Terminate the contract' : 'Keep the contract'}, because: “{values.reasons}
          ”.
        </Text>
      )}
    />
  );
}

function LiftingConfirmation({ findingId }: { findingId: string }) {
  const form = useForm<components['schemas']['ConfirmStandstillLiftingDto']>({
    mode: 'controlled',
    initialValues: { reasons: '' },
    validate: { reasons: reasonsRequired },
  });
  const command = useCommand({
    form,
    send: (body, headers) =>
      api.POST('/findings/{findingId}/standstill-lifting-confirmation', {
        params: { path: { findingId } },
        body,
        headers,
      }) as Promise<{ data?: Accepted; error?: unknown; response: Response }>,
    onAccepted: decided('The standstill lifting is confirmed.'),
  });
  return (
    <DecisionForm
      title="Confirm the lifting of the standstill"
      command={command}
      confirmLabel="Confirm: lift the standstill"
      fields={
        <>
          <Text>The remediation is verified. Lifting lets supply from the factory resume.</Text>
          <Textarea label="Reasons" required autosize minRows={2} {...form.getInputProps('reasons')} />
        </>
      }
      summary={(values) => <Text>Lift every standstill resting on this breach, because: “{values.reasons}”.</Text>}
    />
  );
}

function DecisionsTaken({ finding, standstills }: { finding: Finding; standstills: readonly Standstill[] }) {
  const entries: { at: string; what: string; by?: string | null; reasons: string }[] = [];
  if (finding.breach)
    entries.push({
      at: finding.breach.confirmedAt,
      what: 'Breach confirmed',
      by: finding.breach.confirmedBy,
      reasons: finding.breach.reasons,
    });
  if (finding.dismissal) entries.push({ ...finding.dismissal, what: 'Finding dismissed' });
  for (const s of standstills) {
    entries.push({
      at: s.imposedAt,
      what: `Supply standstill imposed on ${s.factoryId}`,
      by: s.imposedBy,
      reasons: s.reasons,
    });
    if (s.liftedAt)
      entries.push({
        at: s.liftedAt,
        what: `Supply standstill lifted on ${s.factoryId}`,
        by: s.liftedBy,
        reasons: s.liftReasons ?? '',
      });
  }
  if (finding.terminationDeclined)
    entries.push({ ...finding.terminationDeclined, what: 'Termination declined: contract kept' });
  if (finding.closure) entries.push({ ...finding.closure, what: 'Breach closed' });
  entries.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card withBorder component="section" aria-label="Decisions taken">
      <Stack gap="xs">
        <Title order={2} size="h3">
          Decisions taken
        </Title>
        {entries.length === 0 ? (
          <Text>None yet.</Text>
        ) : (
          <List spacing="xs">
            {entries.map((entry) => (
              <List.Item key={`${entry.at}-${entry.what}`}>
                <Text>
                  <strong>{entry.what}</strong> · {when(entry.at)}
                  {entry.by ? ` · ${entry.by}` : ''}
                </Text>
                <Text size="sm">Reasons: {entry.reasons || '—'}</Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
