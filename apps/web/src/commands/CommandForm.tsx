import { Alert, Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ROLE_NAMES, useSession } from '../session/session';
import type { Command, Refusal } from './useCommand';

/** A form that sends a command (see useCommand): its fields, the refusal if any, and the submit button. */
export function CommandForm<Values>({
  command,
  submitLabel,
  children,
}: {
  command: Command<Values>;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={command.submit} noValidate>
      <Stack gap="md">
        {children}
        {command.refusal && <RefusalAlert refusal={command.refusal} reload={command.reload} />}
        <Group>
          <Button type="submit" loading={command.pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const rolesInWords = (roles: readonly string[]) => {
  const names = roles.map((role) => ROLE_NAMES[role] ?? role);
  return names.length <= 1 ? (names[0] ?? 'no role') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
};

function RefusalAlert({ refusal, reload }: { refusal: Refusal; reload: () => Promise<void> }) {
  const session = useSession();
  switch (refusal.kind) {
    case 'invalid':
      return (
        <Alert color="red" title="Please correct the fields marked">
          {refusal.unplaced.length > 0 ? refusal.unplaced.join('; ') : 'The reason is next to each field.'}
        </Alert>
      );
    case 'conflict':
      return (
        <Alert color="yellow" title="Someone else changed this case meanwhile">
          <Stack gap="xs" align="flex-start">
            <span>Reload the case to see the change; what you typed here stays.</span>
            <Button variant="light" onClick={() => void reload()}>
              Reload the case
            </Button>
          </Stack>
        </Alert>
      );
    case 'forbidden':
      return (
        <Alert color="red" title="Not allowed for your role">
          {refusal.problem.allowedRoles
            ? `Only a ${rolesInWords(refusal.problem.allowedRoles)} may do this` +
              (session ? `; you are signed in as ${ROLE_NAMES[session.user.role] ?? session.user.role}.` : '.')
            : refusal.problem.detail}
        </Alert>
      );
    default:
      return (
        <Alert color="red" title={refusal.problem?.title ?? 'The command could not be sent'}>
          {refusal.problem?.detail ?? 'The server did not answer. Try again: the command will not be recorded twice.'}
        </Alert>
      );
  }
}
