import { comparePositions, formatPosition, parsePosition, type LogPosition } from '@pj/event-store';
import type { TestEngine } from './engine';

/** A response's status, headers and JSON body (problem details included), for assertions. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/**
 * HTTP calls against a test engine with a bearer token; `headers` adds Idempotency-Key, If-Match.
 * Reads its own writes as a client should: every GET carries Min-Log-Position, the latest position a
 * command of this client answered (or `readAfter` was given), so the read waits for its read model
 * instead of the test polling it.
 */
export function httpClient(engine: TestEngine) {
  let written: LogPosition | undefined;
  const readAfter = (position: LogPosition | string) => {
    const at = typeof position === 'string' ? parsePosition(position) : position;
    if (!written || comparePositions(at, written) > 0) written = at;
  };
  const call = async (
    method: string,
    path: string,
    token: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${engine.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(method === 'GET' && written ? { 'min-log-position': formatPosition(written) } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const answer = { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    const position = response.headers.get('log-position');
    if (position) readAfter(position);
    return answer;
  };
  return {
    call,
    post: (path: string, token: string, body: object = {}, headers?: Record<string, string>) =>
      call('POST', path, token, body, headers),
    get: (path: string, token: string, headers?: Record<string, string>) =>
      call('GET', path, token, undefined, headers),
    /** Later GETs wait for this position too (an event a workflow recorded, read from the log). */
    readAfter,
  };
}

export type HttpClient = ReturnType<typeof httpClient>;

/** Fails with the answer when it is not the expected status (shows the problem details). */
export function expectStatus(answer: Answer, status: number): Answer {
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
