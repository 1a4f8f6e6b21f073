import { Alert, Anchor, Loader, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';
import { usePageTitle } from '../layout/usePageTitle';
import { day, OBLIGATION_KINDS, QUESTIONNAIRE_STATUS, screenFor, when } from './words';

type CaseCard = components['schemas']['CaseCard'];

/**
 * The supplier's desk: what it owes (GET /obligations, nearest deadline first) with a link to the
 * screen that fulfils it, its questionnaires (GET /questionnaires) and the open tenders it may bid
 * on with their deadlines (GET /cases?phase=tendering, each tender's requirements).
 */
export function SupplierDuesPage() {
  usePageTitle('What we owe');
  const obligations = useQuery({
    queryKey: ['obligations'],
    queryFn: async () => dataOf(await api.GET('/obligations', { params: { query: { sort: 'dueAt', limit: 100 } } })),
  });
  const questionnaires = useQuery({
    queryKey: ['questionnaires'],
    queryFn: async () =>
      dataOf(await api.GET('/questionnaires', { params: { query: { sort: 'deadline', limit: 100 } } })),
  });
  const tenders = useQuery({
    queryKey: ['cases', { phase: 'tendering' }],
    queryFn: async () => dataOf(await api.GET('/cases', { params: { query: { phase: 'tendering', limit: 50 } } })),
  });

  return (
    <Stack>
      <Title order={1}>What we owe</Title>

      <Title order={2} size="h3">
        Obligations
      </Title>
      {obligations.isPending && <Loader aria-label="Loading obligations" />}
      {obligations.isError && (
        <Alert color="red" title="The obligations could not be read">
          {obligations.error.message}
        </Alert>
      )}
      {obligations.isSuccess && obligations.data.items.length === 0 && <Text>Nothing is owed.</Text>}
      {obligations.isSuccess && obligations.data.items.length > 0 && (
        <Table striped aria-label="Obligations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What</Table.Th>
              <Table.Th>About</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Where</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {obligations.data.items.map((obligation) => {
              const screen = screenFor(obligation);
              return (
                <Table.Tr key={obligation.obligationId}>
                  <Table.Td>{OBLIGATION_KINDS[obligation.kind]}</Table.Td>
                  <Table.Td>
                    {obligation.subjectId}
                    {obligation.factoryId ? ` · factory ${obligation.factoryId}` : ''}
                    {obligation.contractYear ? ` · contract year ${obligation.contractYear}` : ''}
                  </Table.Td>
                  <Table.Td>{obligation.dueAt ? when(obligation.dueAt) : 'no deadline'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={obligation.status === 'overdue' ? 700 : undefined}>
                      {obligation.status}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {screen ? (
                      <Anchor component={Link} to={screen}>
                        {obligation.kind === 'questionnaire' ? 'Answer' : 'Submit the plan'}
                        <VisuallyHidden> for {obligation.subjectId}</VisuallyHidden>
                      </Anchor>
                    ) : (
                      <Text size="sm">
                        {obligation.action ? `Through the API: ${obligation.action}` : 'Outside this application'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}

      <Title order={2} size="h3">
        Questionnaires
      </Title>
      {questionnaires.isPending && <Loader aria-label="Loading questionnaires" />}
      {questionnaires.isError && (
        <Alert color="red" title="The questionnaires could not be read">
          {questionnaires.error.message}
        </Alert>
      )}
      {questionnaires.isSuccess && questionnaires.data.items.length === 0 && <Text>No questionnaire yet.</Text>}
      {questionnaires.isSuccess && questionnaires.data.items.length > 0 && (
        <Table striped aria-label="Questionnaires">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Questionnaire</Table.Th>
              <Table.Th>Contract year</Table.Th>
              <Table.Th>Deadline</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {questionnaires.data.items.map((questionnaire) => (
              <Table.Tr key={questionnaire.questionnaireId}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/supplier/questionnaires/${encodeURIComponent(questionnaire.questionnaireId)}`}
                  >
                    {questionnaire.questionnaireId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{questionnaire.contractYear}</Table.Td>
                <Table.Td>{when(questionnaire.deadline)}</Table.Td>
                <Table.Td>{QUESTIONNAIRE_STATUS[questionnaire.status] ?? questionnaire.status}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Title order={2} size="h3">
        Open tenders
      </Title>
      {tenders.isPending && <Loader aria-label="Loading open tenders" />}
      {tenders.isError && (
        <Alert color="red" title="The open tenders could not be read">
          {tenders.error.message}
        </Alert>
      )}
      {tenders.isSuccess && tenders.data.items.length === 0 && <Text>No tender is open.</Text>}
      {tenders.isSuccess && tenders.data.items.length > 0 && (
        <Table striped aria-label="Open tenders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tender</Table.Th>
              <Table.Th>Bids due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tenders.data.items.map((tender) => (
              <OpenTender key={tender.caseId} tender={tender} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** One open tender with its bid deadline, read from the tender's published requirements. */
function OpenTender({ tender }: { tender: CaseCard }) {
  const requirements = useQuery({
    queryKey: ['cases', tender.caseId, 'requirements'],
    queryFn: async () =>
      dataOf(await api.GET('/cases/{caseId}/requirements', { params: { path: { caseId: tender.caseId } } })),
  });
  return (
    <Table.Tr>
      <Table.Td>{tender.title}</Table.Td>
      <Table.Td>{requirements.data?.tender ? day(requirements.data.tender.bidDeadline) : '—'}</Table.Td>
    </Table.Tr>
  );
}
