import { Alert, Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import { usePageTitle } from '../layout/usePageTitle';
import { useSession } from '../session/session';
import { KIND_NAMES, useMarkRead } from './notifications';

/** The in-app inbox: the caller's notifications, newest first; unread ones can be marked read. */
export function InboxPage() {
  usePageTitle('Inbox');
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const unreadOnly = search.get('show') === 'unread';
  const inbox = useQuery({
    queryKey: ['notifications', 'inbox', unreadOnly],
    queryFn: async () =>
      dataOf(
        await api.GET('/notifications', {
          params: { query: { limit: 100, ...(unreadOnly ? { unread: 'true' } : {}) } },
        }),
      ),
  });
  const markRead = useMarkRead();
  // Auditors read; they cannot change even their own inbox (the API refuses it too).
  const mayMark = session?.user.role !== 'auditor';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Inbox</Title>
        <Anchor component={Link} to="/notifications/preferences">
          Mail preferences
        </Anchor>
      </Group>
      <SegmentedControl
        w="fit-content"
        aria-label="Show"
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(value) => setSearch(value === 'unread' ? { show: 'unread' } : {})}
        data={[
          { value: 'all', label: 'All' },
          { value: 'unread', label: 'Unread' },
        ]}
      />
      {inbox.isPending && <Loader aria-label="Loading notifications" />}
      {inbox.isError && (
        <Alert color="red" title="The inbox could not be read">
          {inbox.error.message}
        </Alert>
      )}
      {markRead.isError && (
        <Alert color="red" title="Not marked read">
          {markRead.error.message}
        </Alert>
      )}
      {inbox.data?.items.length === 0 && <Text>{unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}</Text>}
      <Stack component="ul" gap="sm" p={0} style={{ listStyle: 'none' }}>
        {inbox.data?.items.map((item) => (
          <Card component="li" key={item.notificationId} withBorder aria-label={item.subject}>
            <Stack gap={4}>
              <Group justify="space-between">
                <Group gap="xs">
                  {!item.readAt && <Badge color="blue.9">Unread</Badge>}
                  <Text size="sm">{KIND_NAMES[item.kind]}</Text>
                </Group>
                <Text size="sm">{new Date(item.createdAt).toLocaleString()}</Text>
              </Group>
              <Title order={2} size="h4" fw={item.readAt ? 400 : 700}>
                {item.subject}
              </Title>
              <Text>{item.body}</Text>
              {!item.readAt && mayMark && (
                <Group>
                  <Button
                    size="xs"
                    variant="default"
                    loading={markRead.isPending && markRead.variables === item.notificationId}
                    onClick={() => markRead.mutate(item.notificationId)}
                    aria-label={`Mark read: ${item.subject}`}
                  >
                    Mark read
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
