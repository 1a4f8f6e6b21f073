import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { rememberPosition } from '../api/client';
import { currentSession } from '../session/session';

/** One Server-Sent Event of `GET /cases/{caseId}/events` (the API's CaseEventMessage). */
export interface CaseEvent {
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly actor: { readonly id: string; readonly role: string };
  readonly recordedAt: string;
  readonly position: string;
}

export type LiveState = 'connecting' | 'live' | 'reconnecting';

const RETRY_MS = 5_000;

/** Splits an SSE body into messages (blank-line separated) and hands each `data` with its `id`. */
async function readMessages(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: { id?: string; event?: string; data: string }) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: { id?: string; event?: string; data: string } = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // a heartbeat comment
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') message.id = text;
        else if (field === 'event') message.event = text;
        else if (field === 'data') message.data += (message.data ? '\n' : '') + text;
      }
      if (message.data) onMessage(message);
    }
  }
}

/**
 * Live updates of an open case: follows `GET /cases/{caseId}/events` (Server-Sent Events) and,
 * on each new event, refetches the queries whose key starts with `['case', caseId]`, reading at
 * least up to that event's log position. EventSource cannot send the bearer token, so the stream
 * is read with fetch; after a drop it resumes with Last-Event-ID.
 */
export function useCaseEvents(caseId: string | undefined, onEvent?: (event: CaseEvent) => void): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    if (!caseId) return;
    const stop = new AbortController();
    let lastId: string | undefined;
    let refetch: ReturnType<typeof setTimeout> | undefined;
    // The history arrives first, event after event: one refetch once it settles.
    const refetchSoon = () => {
      clearTimeout(refetch);
      refetch = setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['case', caseId] }), 150);
    };

    const follow = async () => {
      while (!stop.signal.aborted) {
        try {
          const token = currentSession()?.token;
          const response = await fetch(`/api/cases/${caseId}/events`, {
            headers: {
              Accept: 'text/event-stream',
              ...(token ? { Authorization: `Bearer ${token}` } : {}),
              ...(lastId ? { 'Last-Event-ID': lastId } : {}),
            },
            signal: stop.signal,
          });
          if (response.ok && response.body) {
            setState('live');
            await readMessages(response.body, (message) => {
              if (message.id) lastId = message.id;
              if (message.event === 'error') return; // the server stopped the stream; resume below
              const event = JSON.parse(message.data) as CaseEvent;
              rememberPosition(event.position);
              onEvent?.(event);
              refetchSoon();
            });
          }
        } catch {
          // A dropped connection (or the page leaving): try again below unless stopped.
        }
        if (stop.signal.aborted) return;
        setState('reconnecting');
        await new Promise((resume) => setTimeout(resume, RETRY_MS));
      }
    };
    void follow();
    return () => {
      stop.abort();
      clearTimeout(refetch);
    };
    // onEvent is left out on purpose: a new function each render must not reconnect.
  }, [caseId, queryClient]);

  return state;
}
