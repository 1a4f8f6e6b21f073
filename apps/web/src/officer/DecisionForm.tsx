import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { CommandForm } from '../commands/CommandForm';
import type { Command } from '../commands/useCommand';
import { Section } from '../layout/Section';

/**
 * A decision in two steps: the fields with the reasons, then a confirmation that says in words what
 * will be recorded, before the command is sent (useCommand, CommandForm). A 400 brings the fields
 * back with the reasons next to them; a 409 or 403 shows on the confirmation.
 */
export function DecisionForm<Values>({
  title,
  command,
  fields,
  summary,
  confirmLabel,
}: {
  title: string;
  command: Command<Values>;
  fields: ReactNode;
  summary: (values: Values) => ReactNode;
  confirmLabel: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const { refusal, form } = command;
  useEffect(() => {
    if (refusal?.kind === 'invalid') setConfirming(false);
  }, [refusal]);

  return (
    <Section title={title}>
      {confirming ? (
        <CommandForm command={command} submitLabel={confirmLabel}>
          <Alert color="blue" variant="light" title="Confirm the decision">
            <Stack gap="xs">
              {summary(form.getValues())}
              <Text size="sm">It is recorded in your name with these reasons, and cannot be undone here.</Text>
            </Stack>
          </Alert>
          <Group>
            <Button variant="default" onClick={() => setConfirming(false)}>
              Change the decision
            </Button>
          </Group>
        </CommandForm>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit(() => {
            setConfirming(true);
          })}
        >
          <Stack>
            {fields}
            <Group>
              <Button type="submit">Review the decision</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}
