import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors, type Configuration, type ProviderContext } from 'oidc-provider';
import { DEVELOPMENT_USERS, type DevelopmentUser } from './development-users';

/**
 * The OpenID provider `npm start` runs on loopback when no OIDC_ISSUER is configured: the certified
 * `oidc-provider`, with the seeded development users, issuing the same kind of access tokens an
 * organisation's provider does (JWT, signed with a published key, for the API's audience, with
 * role and organisation claims). The API verifies them as it would any issuer's.
 */
export interface DevelopmentProvider {
  /** `http://127.0.0.1:<port>`: the issuer, and where its discovery document is. */
  readonly issuer: string;
  readonly users: readonly DevelopmentUser[];
  /** Signs with a new key from now on; the previous key stays published for tokens already out. */
  rotateKeys(key?: JWK): Promise<void>;
  stop(): Promise<void>;
}

export interface DevelopmentProviderOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** The API's audience: every access token is for it. */
  readonly audience: string;
  /** The web app: a public client with PKCE, sent back to these addresses. */
  readonly webClient: { readonly clientId: string; readonly redirectUris: readonly string[] };
  /** Private signing keys (JWK, with kid and alg), the first signs; generated when absent (tests pass their own). */
  readonly keys?: readonly JWK[];
  readonly accessTokenTtlSeconds?: number;
}

/** The resource server's one scope; the web app is granted it at sign-in. */
const API_SCOPE = 'api';
const OIDC_SCOPES = 'openid profile email offline_access';

/** A fresh RS256 signing key as a private JWK. */
export async function developmentSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

/** The claims the API reads (role, organisation, supplier, factories) and the person's name and email. */
function tokenClaims(user: DevelopmentUser): Record<string, unknown> {
  return {
    role: user.role,
    org: user.org,
    ...(user.supplierId ? { supplierId: user.supplierId } : {}),
    ...(user.factories ? { factories: [...user.factories] } : {}),
    name: user.name,
    email: user.email,
    locale: user.locale,
  };
}

function configuration(
  options: DevelopmentProviderOptions,
  keys: readonly JWK[],
  cookieKeys: string[],
  adapter: ReturnType<typeof memoryStore>,
): Configuration {
  const { audience, webClient } = options;
  // RFC 8707 wants the resource indicator to be an absolute URI; the token's audience stays `audience`.
  const resource = URL.canParse(audience) ? audience : `urn:procurement-journey:${encodeURIComponent(audience)}`;
  const userOf = (sub: string | undefined) => DEVELOPMENT_USERS.find((user) => user.sub === sub);
  return {
    clients: [
      {
        client_id: webClient.clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...webClient.redirectUris],
        post_logout_redirect_uris: [...webClient.redirectUris],
      },
    ],
    adapter,
    jwks: { keys: [...keys] },
    cookies: { keys: cookieKeys },
    claims: { openid: ['sub'], profile: ['name', 'locale'], email: ['email'] },
    scopes: OIDC_SCOPES.split(' '),
    responseTypes: ['code'],
    // The web app calls the token endpoint from the browser: its own origins may.
    clientBasedCORS: (_: unknown, origin: string, client: { clientId: string }) =>
      client.clientId === webClient.clientId && webClient.redirectUris.some((uri) => new URL(uri).origin === origin),
    findAccount: (_: unknown, sub: string) => {
      const user = userOf(sub);
      return (
        user && {
          accountId: user.sub,
          claims: () => ({ sub: user.sub, name: user.name, email: user.email, locale: user.locale }),
        }
      );
    },
    // The sign-in page below; the consent screen is skipped: the web app is the API's own client.
    interactions: { url: (_: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    loadExistingGrant: async (ctx: ProviderContext) => {
      const { client, session, result, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(OIDC_SCOPES);
      grant.addResourceScope(resource, API_SCOPE);
      await grant.save();
      return grant;
    },
    // A browser app renews its session with a refresh token (rotated on each use for a public client).
    issueRefreshToken: async (_: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    extraTokenClaims: (_: unknown, token: { kind: string; accountId?: string }) => {
      const user = token.kind === 'AccessToken' ? userOf(token.accountId) : undefined;
      return user ? tokenClaims(user) : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_: unknown, indicator: string) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`only ${resource} is served here`);
          return {
            scope: API_SCOPE,
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        // The web app's sign-out passes through this page: plain and accessible, like the sign-in page.
        logoutSource: async (ctx: { body: unknown }, form: string) => {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Development sign-out</title></head>
<body><main><h1>Sign out of the development provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></main></body></html>`;
        },
      },
      revocation: { enabled: true },
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      RefreshToken: 8 * 3600,
      IdToken: 3600,
      Interaction: 600,
    },
  };
}

type Stored = Record<string, unknown> & { uid?: string; userCode?: string; grantId?: string; consumed?: number };

/**
 * What the provider keeps (sessions, grants, codes, refresh tokens), in this process's memory: one
 * store per development provider, kept across key rotations. Gone on restart, like its keys.
 */
function memoryStore() {
  const entries = new Map<string, { payload: Stored; expiresAt?: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) entries.delete(key);
    return entries.get(key)?.payload;
  };
  return class {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Stored, expiresIn?: number) {
      entries.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
    }
    async find(id: string) {
      return live(this.key(id));
    }
    async findByUid(uid: string) {
      for (const key of entries.keys())
        if (key.startsWith(`${this.model}:`) && live(key)?.uid === uid) return live(key);
      return undefined;
    }
    async findByUserCode(userCode: string) {
      for (const key of entries.keys())
        if (key.startsWith(`${this.model}:`) && live(key)?.userCode === userCode) return live(key);
      return undefined;
    }
    async consume(id: string) {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      entries.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
    }
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sign-in page: one button per development user, grouped by buyer. No password: loopback only. */
function signInPage(uid: string): string {
  const rows = DEVELOPMENT_USERS.map(
    (user) =>
      `<li><button type="submit" name="user" value="${escapeHtml(user.sub)}">${escapeHtml(user.name)}</button>` +
      ` ${escapeHtml(user.role.replace('_', ' '))}, ${escapeHtml(user.org)}` +
      `${user.supplierId ? ` (supplier ${escapeHtml(user.supplierId)})` : ''}</li>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Development sign-in</title></head>
<body><main><h1>Development sign-in</h1><p>Choose who you are. This provider runs only in development.</p>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login"><ul>
${rows}
</ul></form></main></body></html>`;
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The sign-in interaction, before the provider's own routes. */
async function interaction(provider: Provider, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const match = /^\/interaction\/([^/?]+)(\/login)?(?:\?|$)/.exec(request.url ?? '');
  if (!match) return false;
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== decodeURIComponent(match[1]!))
    throw new Error('the interaction does not match this browser session');
  if (!match[2] && request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(signInPage(details.uid));
    return true;
  }
  if (match[2] && request.method === 'POST') {
    const sub = (await formBody(request)).get('user') ?? '';
    if (!DEVELOPMENT_USERS.some((user) => user.sub === sub)) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(`no development user ${sub}`);
      return true;
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: sub } },
      { mergeWithLastSubmission: false },
    );
    return true;
  }
  return false;
}

export async function startDevelopmentProvider(options: DevelopmentProviderOptions): Promise<DevelopmentProvider> {
  let keys: JWK[] = options.keys?.length ? [...options.keys] : [await developmentSigningKey()];
  const cookieKeys = [randomBytes(32).toString('base64url')];
  const adapter = memoryStore();
  let provider: Provider | undefined;
  let handle: ReturnType<Provider['callback']> | undefined;

  const server: Server = createServer((request, response) => {
    if (!provider || !handle) return void response.writeHead(503).end();
    const current = provider;
    const callback = handle;
    interaction(current, request, response)
      .then((handled) => {
        if (!handled) callback(request, response);
      })
      .catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(error instanceof Error ? error.message : String(error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A new provider over the same issuer, sessions and cookies: how its keys change while it runs.
  const install = () => {
    provider = new Provider(issuer, configuration(options, keys, cookieKeys, adapter));
    handle = provider.callback();
  };
  install();

  return {
    issuer,
    users: DEVELOPMENT_USERS,
    async rotateKeys(key) {
      keys = [key ?? (await developmentSigningKey()), keys[0]!];
      install();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
