import { Alert, Anchor, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../layout/usePageTitle';
import { useEscalations, useInbox } from './queries';
import { useCaseEvents } from '../live/useCaseEvents';
import { INBOX_KIND_LABELS, when } from './words';

/** The kinds whose subject is a finding: their decisions are taken on the finding page. */
const ABOUT_A_FINDING = new Set([
  'termination_decision',
  'supply_standstill_decision',
  'breach_escalated',
  'corrective_action_plan_approval',
  'severe_finding',
  'standstill_lifting',
]);

interface Waiting {
  readonly itemId: string;
  readonly kind: string;
  readonly subjectId: string;
  readonly caseId?: string | null;
  readonly summary: string;
  readonly dueAt?: string | null;
  readonly openedAt: string;
}

/**
 * The compliance officer's inbox: the decisions waiting (GET /inbox), with the lifting
 * confirmations the escalation queue shows (a verified breach whose standstill waits for the
 * officer), each with its deadline: the item's own, else the breach's next one on the ladder.
 * Live: the cases' event streams refetch it.
 */
export function InboxPage() {
  usePageTitle('Inbox');
  const inbox = useInbox();
  const queue = useEscalations();
  const breaches = new Map((queue.data?.items ?? []).map((breach) => [breach.findingId, breach]));
  const liftings: Waiting[] = (queue.data?.items ?? [])
    .filter((breach) => breach.status === 'remediation_verified')
    .map((breach) => ({
      itemId: `standstill_lifting:${breach.findingId}`,
      kind: 'standstill_lifting',
      subjectId: breach.findingId,
      caseId: breach.caseId,
      summary: `remediation of breach ${breach.findingId} verified: confirm the lifting of its supply standstill`,
      dueAt: null,
      openedAt: breach.updatedAt,
    }));
  const waiting: Waiting[] = [...(inbox.data?.items ?? []), ...liftings];
  useCaseEvents(
    [...waiting.map((item) => item.caseId), ...[...breaches.values()].map((breach) => breach.caseId)].filter(
      (id): id is string => !!id,
    ),
    [['inbox'], ['escalations']],
  );

  return (
    <Stack>
      <Title order={1}>Inbox</Title>
      <Text>Decisions waiting for a compliance officer, the nearest deadline first.</Text>
      {(inbox.isPending || queue.isPending) && <Loader aria-label="Loading the inbox" />}
      {inbox.isError && (
        <Alert color="red" title="The inbox could not be read">
          {inbox.error.message}
        </Alert>
      )}
      {inbox.isSuccess && waiting.length === 0 && <Text>Nothing waits for a decision.</Text>}
      {waiting.length > 0 && (
        <Table striped aria-label="Decisions waiting">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Decision</Table.Th>
              <Table.Th>About</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Deadline</Table.Th>
              <Table.Th>Waiting since</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {waiting.map((item) => {
              const deadline = item.dueAt ?? breaches.get(item.subjectId)?.nextDeadline ?? null;
              return (
                <Table.Tr key={item.itemId}>
                  <Table.Td>
                    <Text fw={700} size="sm">
                      {INBOX_KIND_LABELS[item.kind] ?? item.kind}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {ABOUT_A_FINDING.has(item.kind) ? (
                      <Anchor component={Link} to={`/officer/findings/${encodeURIComponent(item.subjectId)}`}>
                        {item.subjectId}
                      </Anchor>
                    ) : (
                      item.subjectId
                    )}
                  </Table.Td>
                  <Table.Td>{item.summary}</Table.Td>
                  <Table.Td>{when(deadline)}</Table.Td>
                  <Table.Td>{when(item.openedAt)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
