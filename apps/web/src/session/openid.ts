import type { components } from '../api/schema';
import { currentSession, signIn, signOut, type Session } from './session';

/**
 * OpenID Connect sign-in for the web app (a public client): the authorization code flow with PKCE
 * (S256) at the issuer GET /api/auth/config names, the session renewed with the refresh token
 * before the access token expires, and sign-out at the provider's end-session endpoint. The
 * development provider and an organisation's differ only by that issuer address.
 */
type AuthConfig = components['schemas']['AuthConfigView'];

interface Discovery {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly end_session_endpoint?: string;
}

interface TokenAnswer {
  readonly access_token: string;
  readonly expires_in?: number;
  readonly refresh_token?: string;
  readonly id_token?: string;
}

/** What the browser keeps between leaving for the provider and coming back. */
interface Pending {
  readonly state: string;
  readonly verifier: string;
  readonly redirectUri: string;
  readonly returnTo: string;
}

const PENDING = 'pj.sign-in';
/** Renew this long before the access token expires, so no request goes out with a stale one. */
const RENEW_AHEAD_MS = 60_000;

let settings: Promise<{ config: AuthConfig; discovery: Discovery }> | undefined;

/** The sign-in settings and the issuer's discovery document, fetched once per page load. */
function issuerSettings() {
  settings ??= (async () => {
    const answer = await fetch('/api/auth/config');
    if (!answer.ok) throw new Error(`sign-in is not configured (GET /api/auth/config answered ${answer.status})`);
    const config = (await answer.json()) as AuthConfig;
    const found = await fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (!found.ok) throw new Error(`the identity provider ${config.issuer} did not answer its discovery document`);
    return { config, discovery: (await found.json()) as Discovery };
  })();
  settings.catch(() => (settings = undefined));
  return settings;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomText = (length: number) => base64url(crypto.getRandomValues(new Uint8Array(length)));

/** This app's own address among those the provider may send the browser back to. */
function redirectUriOf(config: AuthConfig): string {
  const here = window.location.origin;
  return config.redirectUris.find((uri) => new URL(uri).origin === here) ?? `${here}/`;
}

/** Leaves for the provider's sign-in page; `returnTo` is where the app goes once signed in. */
export async function beginSignIn(returnTo = '/cases'): Promise<void> {
  const { config, discovery } = await issuerSettings();
  const verifier = randomText(32);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const pending: Pending = { state: randomText(16), verifier, redirectUri: redirectUriOf(config), returnTo };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: pending.redirectUri,
    response_type: 'code',
    scope: config.scopes.join(' '),
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(authorize.toString());
}

/** The claims a token carries (the expiry and the name; the API verifies the token). */
function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  const text = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

/**
 * The session of a token answer. Who the caller is comes from the API (GET /api/auth/caller), which
 * reads the token through its claim mapping: the app needs no knowledge of the provider's claim names.
 */
async function sessionOf(answer: TokenAnswer, previous?: Session): Promise<Session> {
  const found = await fetch('/api/auth/caller', { headers: { authorization: `Bearer ${answer.access_token}` } });
  if (!found.ok) throw new Error(`the API did not accept the provider's token (GET /api/auth/caller: ${found.status})`);
  const caller = (await found.json()) as components['schemas']['CallerView'];
  const claims = claimsOf(answer.access_token);
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + (answer.expires_in ?? 300) * 1000;
  return {
    token: answer.access_token,
    expiresAt,
    refreshToken: answer.refresh_token ?? previous?.refreshToken,
    idToken: answer.id_token ?? previous?.idToken,
    user: {
      id: caller.id,
      name: caller.name ?? caller.id,
      role: caller.role,
      organisationId: caller.organisationId,
      ...(caller.supplierId ? { supplierId: caller.supplierId } : {}),
    },
  };
}

async function tokenRequest(body: Record<string, string>): Promise<TokenAnswer> {
  const { discovery } = await issuerSettings();
  const answer = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  const json = (await answer.json().catch(() => ({}))) as TokenAnswer & { error?: string; error_description?: string };
  if (!answer.ok)
    throw new Error(json.error_description ?? json.error ?? `the token endpoint answered ${answer.status}`);
  return json;
}

/**
 * Back from the provider (the redirect URI, with code and state): exchanges the code for tokens.
 * Answers where to go next; throws when the answer is not the one this tab asked for.
 */
export async function completeSignIn(search: URLSearchParams): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING);
  const refused = search.get('error');
  if (refused) throw new Error(search.get('error_description') ?? refused);
  if (!pending || search.get('state') !== pending.state)
    throw new Error('this sign-in was not started in this tab (state does not match): sign in again');
  const { config } = await issuerSettings();
  const answer = await tokenRequest({
    grant_type: 'authorization_code',
    code: search.get('code') ?? '',
    redirect_uri: pending.redirectUri,
    client_id: config.clientId,
    code_verifier: pending.verifier,
  });
  signIn(await sessionOf(answer));
  scheduleRenewal();
  return pending.returnTo;
}

let renewing: Promise<Session | null> | undefined;

/** A new access token (and rotated refresh token) from the refresh token; signed out when refused. */
export function renewSession(): Promise<Session | null> {
  renewing ??= (async () => {
    const session = currentSession();
    if (!session?.refreshToken) return session;
    try {
      const { config } = await issuerSettings();
      const answer = await tokenRequest({
        grant_type: 'refresh_token',
        refresh_token: session.refreshToken,
        client_id: config.clientId,
      });
      const renewed = await sessionOf(answer, session);
      signIn(renewed);
      return renewed;
    } catch {
      // The provider ended the session (signed out elsewhere, expired): sign in again.
      signOut();
      return null;
    }
  })().finally(() => {
    renewing = undefined;
    scheduleRenewal();
  });
  return renewing;
}

/** The access token to send now: renewed first when it is about to expire. */
export async function freshToken(): Promise<string | undefined> {
  const session = currentSession();
  if (!session) return undefined;
  if (session.expiresAt - RENEW_AHEAD_MS > Date.now()) return session.token;
  return (await renewSession())?.token;
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Renews in the background a minute before the access token expires, while the tab is open. */
export function scheduleRenewal(): void {
  clearTimeout(timer);
  const session = currentSession();
  if (!session?.refreshToken) return;
  timer = setTimeout(() => void renewSession(), Math.max(0, session.expiresAt - RENEW_AHEAD_MS - Date.now()));
}

/**
 * Signs out here, then at the provider (end session, back to this app) when it offers that; a
 * provider without an end-session endpoint leaves only the local sign-out.
 */
export async function endSession(): Promise<void> {
  const session = currentSession();
  clearTimeout(timer);
  signOut();
  const found = await issuerSettings().catch(() => undefined);
  if (!found?.discovery.end_session_endpoint) return;
  const end = new URL(found.discovery.end_session_endpoint);
  end.search = new URLSearchParams({
    client_id: found.config.clientId,
    post_logout_redirect_uri: redirectUriOf(found.config),
    ...(session?.idToken ? { id_token_hint: session.idToken } : {}),
  }).toString();
  window.location.assign(end.toString());
}
