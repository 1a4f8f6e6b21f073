import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { forgetPosition } from '../api/client';
import { UnreadLink } from '../notifications/UnreadLink';
import { endSession } from '../session/openid';
import { ROLE_NAMES, useSession } from '../session/session';

/** A place in the navigation; `roles` hides it from those who cannot use it (the API still decides). */
export interface Place {
  readonly path: string;
  readonly label: string;
  readonly roles: readonly string[];
}

/** The navigation, by role. A new screen adds its place here and its route in routes.tsx. */
export const PLACES: readonly Place[] = [
  { path: '/cases', label: 'Case board', roles: ['contract_manager', 'compliance_officer', 'auditor', 'supplier'] },
  { path: '/cases/new', label: 'New case', roles: ['contract_manager'] },
  { path: '/supplier', label: 'What we owe', roles: ['supplier'] },
  { path: '/monitor', label: 'My factories', roles: ['monitor'] },
  { path: '/audit', label: 'Audit', roles: ['auditor'] },
  { path: '/officer/inbox', label: 'Inbox', roles: ['compliance_officer', 'auditor'] },
  { path: '/officer/escalations', label: 'Escalation queue', roles: ['compliance_officer', 'auditor'] },
  { path: '/officer/charts', label: 'Charts', roles: ['compliance_officer', 'auditor'] },
];

/** The signed-in frame: header with who is signed in, navigation, and the page. */
export function AppLayout() {
  const session = useSession();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!session) return <Navigate to="/sign-in" replace />;

  // Signs out here and at the provider, which sends the browser back to the app.
  const leave = () => {
    forgetPosition();
    queryClient.clear();
    void endSession().then(() => navigate('/sign-in'));
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
            <Title order={2} size="h4">
              Procurement Journey
            </Title>
          </Group>
          <Group>
            <UnreadLink />
            <Text size="sm">
              {ROLE_NAMES[session.user.role] ?? session.user.role} · {session.user.organisationId}
            </Text>
            <Button variant="default" size="xs" onClick={leave}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {PLACES.filter((place) => place.roles.includes(session.user.role)).map((place) => (
          <NavLink
            key={place.path}
            component={RouterLink}
            to={place.path}
            end
            label={place.label}
            active={location.pathname === place.path}
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
