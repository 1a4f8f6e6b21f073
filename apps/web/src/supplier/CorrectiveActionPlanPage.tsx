import { Alert, Button, Card, Checkbox, Group, List, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';
import { CommandForm } from '../commands/CommandForm';
import { useCommand } from '../commands/useCommand';
import { usePageTitle } from '../layout/usePageTitle';
import { day, isoDay, when } from './words';

type Finding = components['schemas']['FindingDetail'];
type Plan = components['schemas']['SubmitCorrectiveActionPlanDto'];
type PlannedAction = components['schemas']['PlannedActionDto'];

const PLAN_STATUS: Readonly<Record<string, string>> = {
  requested: 'requested of you',
  submitted: 'submitted, waiting for the buyer',
  overdue: 'overdue',
  agreed: 'agreed',
  deadline_missed: 'deadline missed',
  result_recorded: 'result recorded',
};

const emptyAction = (): PlannedAction => ({
  actionId: '',
  action: '',
  forAffectedWorkers: false,
  responsibleParty: '',
  verificationMethod: '',
  deadline: '',
  consequenceIfNotDone: '',
});

/**
 * The corrective action plan a confirmed breach asks of the supplier (GET /findings/{id}): the
 * finding as the supplier may see it, the plan's status and due date, and, while it is owed, the
 * form that submits it (POST /findings/{id}/corrective-action-plan).
 */
export function CorrectiveActionPlanPage() {
  usePageTitle('Corrective action plan');
  const { findingId = '' } = useParams();
  const finding = useQuery({
    queryKey: ['findings', findingId],
    queryFn: async () => dataOf(await api.GET('/findings/{findingId}', { params: { path: { findingId } } })),
  });
  const plan = finding.data?.correctiveActionPlan;
  const owed = plan?.status === 'requested' || plan?.status === 'overdue';

  return (
    <Stack maw={860}>
      <Title order={1}>Corrective action plan</Title>
      {finding.isPending && <Loader aria-label="Loading the finding" />}
      {finding.isError && (
        <Alert color="red" title="The finding could not be read">
          {finding.error.message}
        </Alert>
      )}
      {finding.isSuccess && (
        <>
          <Card withBorder>
            <Stack gap={4}>
              <Text fw={600}>
                Finding {finding.data.findingId} at factory {finding.data.factoryId}
              </Text>
              <Text>
                {finding.data.standardBreached}: {finding.data.description}
              </Text>
              <Text>
                Severity {finding.data.severity}; {finding.data.workersAffected} workers affected
              </Text>
              {finding.data.breach && <Text>Breach confirmed: {finding.data.breach.reasons}</Text>}
              <Text>
                Plan: {plan ? (PLAN_STATUS[plan.status] ?? plan.status) : 'not asked for'}
                {plan?.dueBy ? `; due ${when(plan.dueBy)}` : ''}
              </Text>
            </Stack>
          </Card>
          {owed ? (
            <PlanForm finding={finding.data} />
          ) : (
            plan && plan.actions.length > 0 && <PlannedActions finding={finding.data} />
          )}
        </>
      )}
    </Stack>
  );
}

function PlannedActions({ finding }: { finding: Finding }) {
  return (
    <Stack>
      <Title order={2} size="h3">
        Plan {finding.correctiveActionPlan?.planId}
      </Title>
      <List>
        {finding.correctiveActionPlan?.actions.map((action) => (
          <List.Item key={action.actionId}>
            {action.action} — {action.responsibleParty}, by {day(action.deadline)}
            {action.forAffectedWorkers ? ' (for the workers affected)' : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** The plan: its id and deadline, and each action with who does it, by when, and how it is verified. */
function PlanForm({ finding }: { finding: Finding }) {
  const navigate = useNavigate();
  const form = useForm<Plan>({
    mode: 'controlled',
    initialValues: { planId: '', deadline: '', actions: [emptyAction()] },
  });
  const command = useCommand({
    form,
    send: ({ planId, deadline, actions }, headers) =>
      api.POST('/findings/{findingId}/corrective-action-plan', {
        params: { path: { findingId: finding.findingId } },
        body: {
          planId,
          deadline: isoDay(deadline),
          actions: actions.map((action) => ({ ...action, deadline: isoDay(action.deadline) })),
        },
        headers,
      }),
    onAccepted: () => {
      notifications.show({
        color: 'green',
        message: `Corrective action plan for ${finding.findingId} submitted to the buyer.`,
        closeButtonProps: { 'aria-label': 'Hide this message' },
      });
      void navigate('/supplier');
    },
  });

  return (
    <Stack>
      <Title order={2} size="h3">
        Your plan
      </Title>
      <CommandForm command={command} submitLabel="Submit the plan">
        <Group grow align="flex-start">
          <TextInput
            label="Plan id"
            description="Your reference for this plan"
            required
            {...form.getInputProps('planId')}
          />
          <TextInput label="Plan deadline" type="date" required {...form.getInputProps('deadline')} />
        </Group>
        {typeof form.errors.actions === 'string' && (
          <Text c="var(--mantine-color-error)" role="alert">
            {form.errors.actions}
          </Text>
        )}
        {form.getValues().actions.map((_, index) => {
          const n = index + 1;
          return (
            <Card withBorder key={index} role="group" aria-label={`Action ${n}`}>
              <Stack gap="xs">
                <Text fw={600}>Action {n}</Text>
                <Group grow align="flex-start">
                  <TextInput label={`Action ${n} id`} required {...form.getInputProps(`actions.${index}.actionId`)} />
                  <TextInput
                    label={`Action ${n} deadline`}
                    type="date"
                    required
                    {...form.getInputProps(`actions.${index}.deadline`)}
                  />
                </Group>
                <TextInput
                  label={`Action ${n}: what is done`}
                  required
                  {...form.getInputProps(`actions.${index}.action`)}
                />
                <Group grow align="flex-start">
                  <TextInput
                    label={`Action ${n}: who is responsible`}
                    required
                    {...form.getInputProps(`actions.${index}.responsibleParty`)}
                  />
                  <TextInput
                    label={`Action ${n}: how it is verified`}
                    required
                    {...form.getInputProps(`actions.${index}.verificationMethod`)}
                  />
                </Group>
                <TextInput
                  label={`Action ${n}: consequence if not done`}
                  required
                  {...form.getInputProps(`actions.${index}.consequenceIfNotDone`)}
                />
                <Checkbox
                  label={`Action ${n} remedies the workers affected`}
                  {...form.getInputProps(`actions.${index}.forAffectedWorkers`, { type: 'checkbox' })}
                />
                {index > 0 && (
                  <Group>
                    <Button variant="subtle" color="red" onClick={() => form.removeListItem('actions', index)}>
                      Remove action {n}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Card>
          );
        })}
        <Group>
          <Button variant="default" onClick={() => form.insertListItem('actions', emptyAction())}>
            Add an action
          </Button>
        </Group>
      </CommandForm>
    </Stack>
  );
}
