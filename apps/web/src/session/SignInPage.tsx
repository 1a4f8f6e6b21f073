import { Alert, Button, Card, Container, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, forgetPosition } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';
import { usePageTitle } from '../layout/usePageTitle';
import { ROLE_NAMES, signIn } from './session';

type DevelopmentUserId = components['schemas']['DevelopmentSignInDto']['userId'];

/** Development sign-in: pick a user the API lists (GET /development/users); issue 16 brings OpenID Connect. */
export function SignInPage() {
  usePageTitle('Sign in');
  const navigate = useNavigate();
  const users = useQuery({
    queryKey: ['development', 'users'],
    queryFn: async () => dataOf(await api.GET('/development/users')),
  });
  const choose = useMutation({
    mutationFn: async (userId: DevelopmentUserId) =>
      dataOf(await api.POST('/development/sign-in', { body: { userId } })),
    onSuccess: (session) => {
      forgetPosition();
      signIn(session);
      void navigate('/cases');
    },
  });

  return (
    <Container size="md" py="xl">
      <Stack>
        <Title order={1}>Sign in</Title>
        <Text>Development users: choose whom to act as.</Text>
        {users.isPending && <Loader aria-label="Loading users" />}
        {users.isError && (
          <Alert color="red" title="Development sign-in is not available">
            {users.error.message}
          </Alert>
        )}
        {choose.isError && (
          <Alert color="red" title="Sign-in failed">
            {choose.error.message}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {users.data?.map((user) => (
            <Card key={user.id} withBorder>
              <Stack gap="xs">
                <Text fw={600}>{ROLE_NAMES[user.role] ?? user.role}</Text>
                <Text size="sm">{user.organisationId}</Text>
                {user.supplierId && <Text size="sm">supplier {user.supplierId}</Text>}
                <Button
                  onClick={() => choose.mutate(user.id as DevelopmentUserId)}
                  loading={choose.isPending && choose.variables === user.id}
                  aria-label={`Sign in as ${user.name}`}
                >
                  Sign in
                </Button>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Container>
  );
}
