import { useQueryClient } from '@tanstack/react-query';
import type { UseFormReturnType } from '@mantine/form';
import { useRef, useState } from 'react';
import { rememberPosition } from '../api/client';
import { isProblem, type ProblemDetails } from '../api/problem';

/** What the API answers a command (CommandAccepted). */
export interface Accepted {
  readonly id: string;
  readonly revision: number;
  readonly events: readonly string[];
  readonly position?: string;
}

/** What every accepted answer may carry, a command's or a workflow update's: its log position. */
export interface Positioned {
  readonly position?: string;
}

/** Headers every command carries: `Idempotency-Key`, and `If-Match` when the screen knows the revision. */
export type CommandHeaders = Record<string, string>;

export interface CommandOptions<Values, Answer extends Positioned> {
  readonly form: UseFormReturnType<Values>;
  /** Sends the command with the typed client, e.g. `api.POST('/cases', { body, headers })`. */
  readonly send: (
    values: Values,
    headers: CommandHeaders,
  ) => Promise<{ data?: Answer; error?: unknown; response: Response }>;
  /** The stream revision the screen shows; sent as If-Match, so a change meanwhile answers 409. */
  readonly expectedRevision?: number;
  readonly onAccepted?: (answer: Answer) => void;
}

/** Why the last attempt was refused, for CommandForm to show. Field errors are on the form itself. */
export type Refusal =
  | { readonly kind: 'invalid'; readonly problem: ProblemDetails; readonly unplaced: readonly string[] }
  | { readonly kind: 'conflict'; readonly problem: ProblemDetails }
  | { readonly kind: 'forbidden'; readonly problem: ProblemDetails }
  | { readonly kind: 'other'; readonly problem?: ProblemDetails; readonly status?: number };

export interface Command<Values> {
  readonly submit: (event?: React.FormEvent<HTMLFormElement>) => void;
  readonly pending: boolean;
  readonly refusal?: Refusal;
  /** After a 409: read the case again (every query), keeping what was typed. */
  readonly reload: () => Promise<void>;
  readonly form: UseFormReturnType<Values>;
}

const newKey = () => crypto.randomUUID();

/**
 * The one way a screen sends a command from a form. A 400 puts each field error next to its field
 * (what was typed stays); a 409 offers to reload the case without losing the form; a 403 says
 * which roles may; any other refusal is shown above the buttons. Once accepted, the answer's log
 * position is remembered so the next reads show the change (read your writes), and every query is
 * refetched.
 */
export function useCommand<Values, Answer extends Positioned>(
  options: CommandOptions<Values, Answer>,
): Command<Values> {
  const { form, send, expectedRevision, onAccepted } = options;
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  // Kept across a network failure, so a retry cannot record the command twice; renewed after any answer.
  const key = useRef(newKey());

  const run = async (values: Values) => {
    setPending(true);
    setRefusal(undefined);
    try {
      const headers: CommandHeaders = {
        'Idempotency-Key': key.current,
        ...(expectedRevision !== undefined ? { 'If-Match': String(expectedRevision) } : {}),
      };
      const answer = await send(values, headers);
      key.current = newKey();
      if (answer.response.ok && answer.data) {
        rememberPosition(answer.data.position);
        await queryClient.invalidateQueries();
        onAccepted?.(answer.data);
        return;
      }
      setRefusal(refusalOf(answer.response.status, answer.error, form));
    } catch {
      setRefusal({ kind: 'other' });
    } finally {
      setPending(false);
    }
  };

  return {
    form,
    pending,
    refusal,
    submit: form.onSubmit((values) => void run(values)),
    reload: async () => {
      setRefusal(undefined);
      await queryClient.invalidateQueries();
    },
  };
}

function refusalOf<Values>(status: number, body: unknown, form: UseFormReturnType<Values>): Refusal {
  const problem = isProblem(body) ? body : undefined;
  if (!problem) return { kind: 'other', status };
  if (status === 400) {
    const values = form.getValues() as object;
    const fields = Object.keys(values);
    const unplaced: string[] = [];
    for (const { field, reason } of problem.errors ?? []) {
      // `actions.1.deadline` is an input of a list's item when the form has that item's field;
      // `countriesOfProduction.1` belongs to the countriesOfProduction input.
      const [top] = field.split('.');
      if (fields.includes(field) || (field.includes('.') && isObjectField(values, field)))
        form.setFieldError(field, reason);
      else if (fields.includes(top)) form.setFieldError(top, reason);
      else unplaced.push(`${field}: ${reason}`);
    }
    return { kind: 'invalid', problem, unplaced };
  }
  if (status === 409) return { kind: 'conflict', problem };
  if (status === 403) return { kind: 'forbidden', problem };
  return { kind: 'other', problem, status };
}

/** Whether `path` (dotted) names a field of an object in the form's values, e.g. `answers.0.answer`. */
function isObjectField(values: object, path: string): boolean {
  const keys = path.split('.');
  const owner = keys
    .slice(0, -1)
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
      values,
    );
  return typeof owner === 'object' && owner !== null && !Array.isArray(owner) && keys.at(-1)! in owner;
}
