import { Alert, Button, Container, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { usePageTitle } from '../layout/usePageTitle';
import { beginSignIn } from './openid';

/** Sign-in: the organisation's OpenID provider (in development, the one `npm start` runs) asks who you are. */
export function SignInPage() {
  usePageTitle('Sign in');
  const leave = useMutation({ mutationFn: () => beginSignIn() });
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>Sign in</Title>
        <Text>You sign in at your organisation&apos;s identity provider, then come back here.</Text>
        {leave.isError && (
          <Alert color="red" title="Sign-in is not available">
            {leave.error.message}
          </Alert>
        )}
        <Button onClick={() => leave.mutate()} loading={leave.isPending} w="fit-content">
          Sign in with your organisation
        </Button>
      </Stack>
    </Container>
  );
}
