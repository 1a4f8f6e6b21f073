import { Alert, Anchor, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import { usePageTitle } from '../layout/usePageTitle';
import { useSession } from '../session/session';
import { DELIVERY_NAMES, KIND_NAMES, type Delivery, type NotificationKind } from './notifications';

/** Mail preferences per kind: immediately, a daily digest, or none (the inbox keeps everything). */
export function PreferencesPage() {
  usePageTitle('Mail preferences');
  const session = useSession();
  const queryClient = useQueryClient();
  const preferences = useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: async () => dataOf(await api.GET('/notification-preferences')),
  });
  const choose = useMutation({
    mutationFn: async ({ kind, delivery }: { kind: NotificationKind; delivery: Delivery }) =>
      dataOf(await api.PUT('/notification-preferences/{kind}', { params: { path: { kind } }, body: { delivery } })),
    onSuccess: (answer) => queryClient.setQueryData(['notifications', 'preferences'], answer),
  });
  const mayChange = session?.user.role !== 'auditor';

  return (
    <Stack>
      <Title order={1}>Mail preferences</Title>
      <Text>
        How each kind of notification reaches you by mail. The{' '}
        <Anchor component={Link} to="/notifications">
          inbox
        </Anchor>{' '}
        keeps every notification whatever you choose.
      </Text>
      {preferences.isPending && <Loader aria-label="Loading preferences" />}
      {(preferences.isError || choose.isError) && (
        <Alert color="red" title="Preferences could not be read or saved">
          {(preferences.error ?? choose.error)?.message}
        </Alert>
      )}
      {preferences.data && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Mail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preferences.data.preferences.map(({ kind, delivery }) => (
              <Table.Tr key={kind}>
                <Table.Th scope="row">{KIND_NAMES[kind]}</Table.Th>
                <Table.Td>
                  <SegmentedControl
                    aria-label={`Mail for ${KIND_NAMES[kind]}`}
                    disabled={!mayChange || choose.isPending}
                    value={delivery}
                    onChange={(value) => choose.mutate({ kind, delivery: value as Delivery })}
                    data={(Object.keys(DELIVERY_NAMES) as Delivery[]).map((value) => ({
                      value,
                      label: DELIVERY_NAMES[value],
                    }))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
