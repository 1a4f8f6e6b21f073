import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError, dataOf } from '../api/problem';
import { useWorkerPageTitle } from './useWorkerPageTitle';

/**
 * The worker follows a grievance by its receipt code (GET /public/grievances/status). The code
 * goes in a header, never in the address: it stays out of the browser's history and any log. It
 * is kept in this page only while it is open.
 */
export function GrievanceStatusPage() {
  const { t, i18n } = useTranslation();
  useWorkerPageTitle(t('status.title'));
  const [typed, setTyped] = useState('');
  const [code, setCode] = useState<string>();
  const status = useQuery({
    queryKey: ['grievance-receipt', code],
    enabled: code !== undefined,
    queryFn: async () =>
      dataOf(await api.GET('/public/grievances/status', { params: { header: { 'Grievance-Receipt': code! } } })),
  });
  const date = (value: string | null | undefined) =>
    value ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(value)) : undefined;
  const check = (event: React.FormEvent) => {
    event.preventDefault();
    if (typed.trim() === code) void status.refetch();
    else setCode(typed.trim());
  };
  const answer = status.data;
  const rows = answer
    ? ([
        ['status.submittedAt', date(answer.submittedAt)],
        [
          answer.acknowledgedAt ? 'status.acknowledgedAt' : 'status.acknowledgeBy',
          date(answer.acknowledgedAt ?? answer.acknowledgeBy),
        ],
        ['status.closedAt', date(answer.closedAt)],
      ].filter(([, value]) => value) as [string, string][])
    : [];

  return (
    <Stack>
      <Title order={1}>{t('status.title')}</Title>
      <Text>{t('status.intro')}</Text>
      <form onSubmit={check}>
        <Group align="end">
          <TextInput
            label={t('status.code')}
            required
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            styles={{ input: { fontFamily: 'monospace' } }}
            w={320}
          />
          <Button type="submit" loading={status.isFetching}>
            {t('status.check')}
          </Button>
        </Group>
      </form>
      {status.isError && (
        <Alert color="red" role="alert">
          {status.error instanceof ApiError && status.error.status === 404 ? t('status.notFound') : t('status.failed')}
        </Alert>
      )}
      {answer && (
        <Paper withBorder p="lg" aria-live="polite">
          <Stack gap="sm">
            <Text>
              <Text span fw={700}>
                {t('status.current')}:{' '}
              </Text>
              <Text span data-testid="grievance-status">
                {t(`status.${answer.status}`)}
              </Text>
            </Text>
            <Table>
              <Table.Tbody>
                {rows.map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Th scope="row">{t(label)}</Table.Th>
                    <Table.Td>{value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
