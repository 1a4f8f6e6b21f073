import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { rememberPosition } from '../api/client';
import { currentSession } from '../session/session';

/** How long a burst of events (a climbed ladder records several) is gathered before one refetch. */
const SETTLE_MS = 400;
const RETRY_MS = 5_000;

/**
 * Live updates for the officer's screens: follows the Server-Sent Events of each case given
 * (GET /api/cases/{caseId}/events, the only event stream the API serves) and, after each burst of
 * new events, refetches the queries named by `queryKeys`. The newest event's position is sent as
 * Min-Log-Position on that refetch, so the lists show what the events say.
 *
 * EventSource cannot send the bearer token, so the stream is read with fetch. The case's history
 * comes first: that burst costs one refetch, and a reconnection resumes with Last-Event-ID.
 */
export function useCaseEvents(caseIds: readonly string[], queryKeys: readonly string[]): void {
  const queryClient = useQueryClient();
  const keys = useRef(queryKeys);
  keys.current = queryKeys;
  const joined = [...new Set(caseIds)].sort().join(',');

  useEffect(() => {
    if (!joined) return;
    const stop = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = (position: string) => {
      rememberPosition(position);
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const key of keys.current) void queryClient.invalidateQueries({ queryKey: [key] });
      }, SETTLE_MS);
    };
    for (const caseId of joined.split(',')) void follow(caseId, stop.signal, changed);
    return () => {
      stop.abort();
      clearTimeout(timer);
    };
  }, [joined, queryClient]);
}

async function follow(caseId: string, stop: AbortSignal, changed: (position: string) => void): Promise<void> {
  let lastEventId: string | undefined;
  while (!stop.aborted) {
    try {
      const token = currentSession()?.token;
      const response = await fetch(`/api/cases/${encodeURIComponent(caseId)}/events`, {
        headers: {
          accept: 'text/event-stream',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
        signal: stop,
      });
      if (!response.ok || !response.body) throw new Error(`live updates answered ${response.status}`);
      for await (const message of messages(response.body)) {
        if (message.event === 'error') break;
        if (!message.id) continue;
        lastEventId = message.id;
        changed(message.id);
      }
    } catch {
      if (stop.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

interface Message {
  id?: string;
  event?: string;
}

/** The `id` and `event` fields of each Server-Sent Event in the body (data is not needed here). */
async function* messages(body: ReadableStream<Uint8Array>): AsyncGenerator<Message> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let current: Message = {};
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (current.id || current.event) yield current;
        current = {};
      } else if (line.startsWith('id:')) current.id = line.slice(3).trim();
      else if (line.startsWith('event:')) current.event = line.slice(6).trim();
    }
  }
}
