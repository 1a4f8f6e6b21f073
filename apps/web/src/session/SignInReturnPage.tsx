import { Alert, Anchor, Container, Loader, Stack, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { forgetPosition } from '../api/client';
import { usePageTitle } from '../layout/usePageTitle';
import { completeSignIn } from './openid';

/**
 * The redirect URI (`/`): back from the provider with a code, finishes the sign-in; otherwise (a
 * plain visit, or back from signing out) goes on to the case board, which asks to sign in if needed.
 */
export function SignInReturnPage() {
  usePageTitle('Signing in');
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const search = useRef(new URLSearchParams(window.location.search)).current;
  const returning = search.has('code') || search.has('error');
  const started = useRef(false);

  useEffect(() => {
    // Once: a code is good for one exchange (StrictMode runs effects twice in development).
    if (!returning || started.current) return;
    started.current = true;
    completeSignIn(search)
      .then((returnTo) => {
        forgetPosition();
        void navigate(returnTo, { replace: true });
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [navigate, returning, search]);

  if (!returning) return <Navigate to="/cases" replace />;
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>Signing in</Title>
        {failure ? (
          <Alert color="red" title="Sign-in failed">
            {failure}{' '}
            <Anchor component={Link} to="/sign-in">
              Sign in again
            </Anchor>
          </Alert>
        ) : (
          <Loader aria-label="Signing in" />
        )}
      </Stack>
    </Container>
  );
}
