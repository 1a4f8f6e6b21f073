import createClient, { type Middleware } from 'openapi-fetch';
import { freshToken } from '../session/openid';
import type { paths } from './schema';

/**
 * Read your writes: the log position of the last command this tab sent. Every read after it
 * carries it as Min-Log-Position, so the API answers only once its read model shows that command
 * (README "read your writes"); reads that are already past it answer at once.
 */
let lastPosition: string | undefined;

/** Keeps the later of the position remembered and `position` ("<commit>/<prepare>", as the API writes it). */
export function rememberPosition(position: string | undefined): void {
  if (position && (!lastPosition || isAfter(position, lastPosition))) lastPosition = position;
}

function isAfter(position: string, other: string): boolean {
  const [commit = 0n, prepare = 0n] = position.split('/').map(BigInt);
  const [otherCommit = 0n, otherPrepare = 0n] = other.split('/').map(BigInt);
  return commit !== otherCommit ? commit > otherCommit : prepare > otherPrepare;
}

export function forgetPosition(): void {
  lastPosition = undefined;
}

const session: Middleware = {
  async onRequest({ request }) {
    const token = await freshToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (lastPosition && request.method === 'GET') request.headers.set('Min-Log-Position', lastPosition);
    return request;
  },
};

/** The one client of the API, typed from its OpenAPI document (src/api/schema.d.ts). */
export const api = createClient<paths>({ baseUrl: '/api' });
api.use(session);
