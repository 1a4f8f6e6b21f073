import {
  Alert,
  Button,
  Card,
  Group,
  List,
  Loader,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
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
import { QUESTIONNAIRE_STATUS, when } from './words';

type Questionnaire = components['schemas']['QuestionnaireView'];
type Answers = { answers: Required<components['schemas']['QuestionnaireAnswerDto']>[] };
type Answer = Answers['answers'][number];
const emptyAnswer = (): Answer => ({ questionId: '', answer: '', documentRefs: [] });

/** One questionnaire (GET /questionnaires/{id}): its deadline and reminders, and the form that answers it. */
export function QuestionnairePage() {
  usePageTitle('Questionnaire');
  const { questionnaireId = '' } = useParams();
  const questionnaire = useQuery({
    queryKey: ['questionnaires', questionnaireId],
    queryFn: async () =>
      dataOf(await api.GET('/questionnaires/{questionnaireId}', { params: { path: { questionnaireId } } })),
  });

  return (
    <Stack maw={760}>
      <Title order={1}>Questionnaire {questionnaireId}</Title>
      {questionnaire.isPending && <Loader aria-label="Loading the questionnaire" />}
      {questionnaire.isError && (
        <Alert color="red" title="The questionnaire could not be read">
          {questionnaire.error.message}
        </Alert>
      )}
      {questionnaire.isSuccess && (
        <>
          <Card withBorder>
            <Stack gap={4}>
              <Text>Contract year {questionnaire.data.contractYear}</Text>
              <Text>Status: {QUESTIONNAIRE_STATUS[questionnaire.data.status] ?? questionnaire.data.status}</Text>
              <Text>Deadline: {when(questionnaire.data.deadline)}</Text>
              <Text>
                Reminders: {questionnaire.data.remindersDueAt.map(when).join(', ') || 'none'} (
                {questionnaire.data.remindersSent} sent)
              </Text>
              <Text>Issued {when(questionnaire.data.issuedAt)}</Text>
            </Stack>
          </Card>
          {questionnaire.data.status === 'answered' ? (
            <AnsweredQuestionnaire questionnaire={questionnaire.data} />
          ) : (
            <AnswerForm questionnaire={questionnaire.data} />
          )}
        </>
      )}
    </Stack>
  );
}

function AnsweredQuestionnaire({ questionnaire }: { questionnaire: Questionnaire }) {
  const answers = (questionnaire.answers ?? []) as unknown as {
    questionId: string;
    answer: string;
    documentRefs?: string[];
  }[];
  return (
    <Stack>
      <Title order={2} size="h3">
        Answered {when(questionnaire.answeredAt)}
        {questionnaire.answeredOnTime === false ? ' (late)' : ''}
      </Title>
      <List>
        {answers.map(({ questionId, answer, documentRefs }) => (
          <List.Item key={questionId}>
            <Text span fw={600}>
              {questionId}
            </Text>
            : {answer}
            {documentRefs?.length ? ` (documents: ${documentRefs.join(', ')})` : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/**
 * Answers the questionnaire: one answer per question of the buyer's questionnaire, by its question
 * id, each with the references of the documents it rests on.
 */
function AnswerForm({ questionnaire }: { questionnaire: Questionnaire }) {
  const navigate = useNavigate();
  const form = useForm<Answers>({
    mode: 'controlled',
    initialValues: { answers: [emptyAnswer()] },
  });
  const command = useCommand({
    form,
    send: ({ answers }, headers) =>
      api.POST('/cases/{caseId}/contract/questionnaires/{questionnaireId}/answers', {
        params: { path: { caseId: questionnaire.caseId, questionnaireId: questionnaire.questionnaireId } },
        // An answer without documents is sent without the field.
        body: {
          answers: answers.map(({ documentRefs, ...answer }) =>
            documentRefs.length ? { ...answer, documentRefs } : answer,
          ),
        },
        headers,
      }),
    onAccepted: () => {
      notifications.show({
        color: 'green',
        message: `Questionnaire ${questionnaire.questionnaireId} answered.`,
        closeButtonProps: { 'aria-label': 'Hide this message' },
      });
      void navigate('/supplier');
    },
  });

  return (
    <Stack>
      <Title order={2} size="h3">
        Your answers
      </Title>
      <CommandForm command={command} submitLabel="Send the answers">
        {typeof form.errors.answers === 'string' && (
          <Text c="var(--mantine-color-error)" role="alert">
            {form.errors.answers}
          </Text>
        )}
        {form.getValues().answers.map((_, index) => (
          <Card withBorder key={index}>
            <Stack gap="xs">
              <TextInput
                label={`Question ${index + 1}`}
                description="The question's id in the buyer's questionnaire, e.g. q-hours"
                required
                {...form.getInputProps(`answers.${index}.questionId`)}
              />
              <Textarea
                label={`Answer ${index + 1}`}
                required
                autosize
                minRows={2}
                {...form.getInputProps(`answers.${index}.answer`)}
              />
              <TagsInput
                label={`Documents for answer ${index + 1}`}
                description="References to the documents the answer rests on; press Enter after each"
                {...form.getInputProps(`answers.${index}.documentRefs`)}
              />
              {index > 0 && (
                <Group>
                  <Button variant="subtle" color="red" onClick={() => form.removeListItem('answers', index)}>
                    Remove answer {index + 1}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        ))}
        <Group>
          <Button variant="default" onClick={() => form.insertListItem('answers', emptyAnswer())}>
            Add an answer
          </Button>
        </Group>
      </CommandForm>
    </Stack>
  );
}
