import { createHash, randomBytes } from 'node:crypto';

export interface SignedIn {
  readonly accessToken: string;
  readonly idToken?: string;
  readonly refreshToken?: string;
}

/** The browser's part, without a browser: cookies kept per provider, redirects followed by hand. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Signs a development user in at an OpenID provider the way the web app will: the authorization
 * code flow with PKCE (S256) and state, the provider's sign-in page, then the code exchanged at the
 * token endpoint. Answers the tokens the provider issued.
 */
export async function signInThroughProvider(
  issuer: string,
  client: { readonly clientId: string; readonly redirectUri: string },
  sub: string,
  scope = 'openid profile email offline_access',
): Promise<SignedIn> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope,
    state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();

  const jar = new CookieJar();
  const step = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.take(response);
    return response;
  };
  const follow = (response: Response) => {
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status} without a redirect`);
    return new URL(location, issuer).toString();
  };

  const toSignIn = follow(await step(authorize.toString()));
  if (toSignIn.startsWith(client.redirectUri)) throw new Error(`the provider refused the sign-in: ${toSignIn}`);
  const page = await step(toSignIn);
  if (!(await page.text()).includes(`value="${sub}"`)) throw new Error(`the sign-in page does not offer ${sub}`);
  const resumed = follow(
    await step(`${toSignIn}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: sub }).toString(),
    }),
  );
  let location = follow(await step(resumed));
  // The provider may pass through its own pages (consent) before it sends the browser back.
  for (let hops = 0; !location.startsWith(client.redirectUri) && hops < 5; hops++)
    location = follow(await step(location));
  const back = new URL(location);
  if (back.searchParams.get('state') !== state) throw new Error(`the provider sent back ${location}`);
  const code = back.searchParams.get('code');
  if (!code)
    throw new Error(`no code: ${back.searchParams.get('error')} ${back.searchParams.get('error_description')}`);

  const token = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: client.redirectUri,
      client_id: client.clientId,
    }).toString(),
  });
  const answer = (await token.json()) as Record<string, string>;
  if (!token.ok) throw new Error(`token endpoint: ${token.status} ${JSON.stringify(answer)}`);
  return { accessToken: answer.access_token!, idToken: answer.id_token, refreshToken: answer.refresh_token };
}
