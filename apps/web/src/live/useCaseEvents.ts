import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { rememberPosition } from '../api/client';
import { currentSession } from '../session/session';
import { followEventStream } from './eventStream';

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

/** How long a burst of events (the history, a climbed ladder) is gathered before one refetch. */
const SETTLE_MS = 400;

function openCaseEvents(caseId: string, lastEventId: string | undefined, signal: AbortSignal): Promise<Response> {
  const token = currentSession()?.token;
  return fetch(`/api/cases/${encodeURIComponent(caseId)}/events`, {
    headers: {
      Accept: 'text/event-stream',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
    },
    signal,
  });
}

/**
 * Live updates: follows `GET /cases/{caseId}/events` of each case given and, after each burst of
 * new events, refetches the queries whose key starts with one of `refetch` (e.g. `['case', id]`),
 * reading at least up to the newest event's log position (its SSE id). The history comes first:
 * that burst costs one refetch; a reconnection resumes with Last-Event-ID. The state is 'live'
 * once every stream is open, 'reconnecting' while one is dropped.
 */
export function useCaseEvents(
  caseIds: readonly string[],
  refetch: readonly QueryKey[],
  onEvent?: (event: CaseEvent) => void,
): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  // Kept in refs: new arrays or functions each render must not reconnect.
  const keys = useRef(refetch);
  keys.current = refetch;
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const joined = [...new Set(caseIds)].sort().join(',');

  useEffect(() => {
    if (!joined) return;
    const stop = new AbortController();
    const ids = joined.split(',');
    const states = new Map<string, LiveState>(ids.map((id) => [id, 'connecting']));
    const show = () => {
      const all = [...states.values()];
      setState(all.includes('reconnecting') ? 'reconnecting' : all.every((s) => s === 'live') ? 'live' : 'connecting');
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetchSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const queryKey of keys.current) void queryClient.invalidateQueries({ queryKey });
      }, SETTLE_MS);
    };
    for (const caseId of ids) {
      void followEventStream({
        open: (lastEventId) => openCaseEvents(caseId, lastEventId, stop.signal),
        resume: true,
        signal: stop.signal,
        onState: (next) => {
          states.set(caseId, next);
          show();
        },
        onMessage: (message) => {
          rememberPosition(message.id);
          if (handler.current) handler.current(JSON.parse(message.data) as CaseEvent);
          refetchSoon();
        },
      });
    }
    return () => {
      stop.abort();
      clearTimeout(timer);
    };
  }, [joined, queryClient]);

  return state;
}
