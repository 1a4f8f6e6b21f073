import type { TestEngine } from './engine';

/** A response's status and JSON body (problem details included), for assertions. */
export interface Answer {
  readonly status: number;
  readonly body: any;
}

/** HTTP calls against a test engine with a bearer token; `headers` adds Idempotency-Key, If-Match. */
export function httpClient(engine: TestEngine) {
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
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    post: (path: string, token: string, body: object = {}, headers?: Record<string, string>) =>
      call('POST', path, token, body, headers),
    get: (path: string, token: string) => call('GET', path, token),
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
