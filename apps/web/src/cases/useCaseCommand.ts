import { useQueryClient } from '@tanstack/react-query';
import type { UseFormReturnType } from '@mantine/form';
import { useReducer, useRef } from 'react';
import { useCommand, type Accepted, type Command, type CommandHeaders } from '../commands/useCommand';

/** What the case page knows of the case it shows. */
export interface CaseContext {
  readonly caseId: string;
  /** The case's revision as read (kept current by live updates). */
  readonly revision: number;
}

export const caseViewKey = (caseId: string) => ['case', caseId, 'view'] as const;

/**
 * A command on the case from a form. While the form is untouched it acts on the revision shown
 * (live updates move it); once the user starts typing, the revision is pinned, so a change by
 * someone else meanwhile answers 409 and CommandForm offers to reload the case, keeping the form.
 * After the reload the form acts on the case as it now is.
 */
export function useCaseCommand<Values, Answer extends Accepted>(
  context: CaseContext,
  form: UseFormReturnType<Values>,
  send: (values: Values, headers: CommandHeaders) => Promise<{ data?: Answer; error?: unknown; response: Response }>,
  onAccepted?: (answer: Answer) => void,
): Command<Values> {
  const queryClient = useQueryClient();
  const pinned = useRef<number | undefined>(undefined);
  // The submit handler is made at render: a new pin needs a render to reach it.
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  if (!form.isDirty()) pinned.current = undefined;
  else pinned.current ??= context.revision;

  const command = useCommand({
    form,
    send,
    expectedRevision: pinned.current ?? context.revision,
    onAccepted: (answer) => {
      pinned.current = undefined;
      form.reset();
      onAccepted?.(answer);
    },
  });
  return {
    ...command,
    reload: async () => {
      await command.reload();
      const view = queryClient.getQueryData<{ revision: number }>(caseViewKey(context.caseId));
      pinned.current = view?.revision;
      rerender();
    },
  };
}
