import { createSecretKey, type KeyObject } from 'node:crypto';
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { DEFAULT_CLAIM_MAPPING, type IdentityConfig } from '@pj/config';
import { DependencyUnavailableError } from '../errors/request-errors';
import type { Caller } from './roles';
import { callerFromClaims } from './token-claims';
import { TokenRefusedError, type TokenRefusal } from './token-refused';

/** The issuer the API trusts, with its address known (configured, or the development provider's). */
export type IssuerSettings = Omit<IdentityConfig, 'issuer' | 'developmentProviderPort'> & { readonly issuer: string };

/** Asymmetric algorithms only: an issuer's keys are public, so a shared-secret algorithm is never its. */
const ISSUER_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/** How long one request to the issuer (discovery, keys) may take before the API answers 503. */
const ISSUER_TIMEOUT_MS = 5_000;

/**
 * Who a bearer token says the caller is. Access tokens of the configured issuer are verified with
 * its published keys (discovery, then its JWKS; a token naming a key not yet seen fetches them
 * again, so a rotation at the provider is picked up without a restart): signature, issuer,
 * audience, expiry with a small clock skew. Outside production, HS256 development tokens signed
 * with JWT_SECRET are accepted too.
 */
export class BearerTokens {
  private keys?: Promise<JWTVerifyGetKey>;
  private readonly developmentKey?: KeyObject;

  constructor(
    private readonly issuer: IssuerSettings | undefined,
    developmentSecret: string | undefined,
  ) {
    // A KeyObject, made once: verifying with a string key parses it on every request.
    if (developmentSecret) this.developmentKey = createSecretKey(Buffer.from(developmentSecret, 'utf8'));
  }

  async callerOf(token: string): Promise<Caller> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new TokenRefusedError('auth.token_malformed', 'the bearer token is not a JSON Web Token');
    }
    if (alg === undefined || alg.toLowerCase() === 'none')
      throw new TokenRefusedError('auth.token_unsigned', 'the bearer token is not signed (alg "none")');
    if (alg === 'HS256' && this.developmentKey)
      return callerFromClaims(await this.verifyDevelopmentToken(token), DEFAULT_CLAIM_MAPPING);
    if (!ISSUER_ALGORITHMS.includes(alg))
      throw new TokenRefusedError(
        'auth.algorithm_not_allowed',
        alg === 'HS256'
          ? 'development tokens (HS256) are not accepted here: sign in through the identity provider'
          : `the bearer token's algorithm ${alg} is not accepted`,
      );
    if (!this.issuer)
      throw new TokenRefusedError('auth.wrong_issuer', 'no identity provider is configured; only development tokens');
    return callerFromClaims(await this.verifyIssuedToken(token, this.issuer), this.issuer.claims);
  }

  private async verifyDevelopmentToken(token: string): Promise<JWTPayload> {
    try {
      return (await jwtVerify(token, this.developmentKey!, { algorithms: ['HS256'], requiredClaims: ['exp'] })).payload;
    } catch (error) {
      throw refusalOf(error);
    }
  }

  private async verifyIssuedToken(token: string, issuer: IssuerSettings): Promise<JWTPayload> {
    // Refused before any request to the issuer: a token from elsewhere cannot make the API fetch keys.
    let claimedIssuer: unknown;
    try {
      claimedIssuer = decodeJwt(token).iss;
    } catch {
      throw new TokenRefusedError('auth.token_malformed', 'the bearer token is not a JSON Web Token');
    }
    if (claimedIssuer !== issuer.issuer)
      throw new TokenRefusedError(
        'auth.wrong_issuer',
        `the bearer token was issued by ${JSON.stringify(claimedIssuer ?? null)}, not by ${issuer.issuer}`,
      );
    const keys = await this.issuerKeys(issuer);
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: ISSUER_ALGORITHMS,
        clockTolerance: issuer.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      });
      return payload;
    } catch (error) {
      throw refusalOf(error, issuer);
    }
  }

  /** The issuer's key set, from its discovery document; discovery is retried until it succeeds. */
  private issuerKeys(issuer: IssuerSettings): Promise<JWTVerifyGetKey> {
    this.keys ??= discoverKeys(issuer).catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }
}

async function discoverKeys(issuer: IssuerSettings): Promise<JWTVerifyGetKey> {
  const address = `${issuer.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let metadata: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(address, { signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${address} answered ${response.status}`);
    metadata = (await response.json()) as typeof metadata;
  } catch (error) {
    throw issuerUnreachable(error);
  }
  // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
  if (metadata.issuer !== issuer.issuer || typeof metadata.jwks_uri !== 'string')
    throw issuerUnreachable(
      new Error(
        `${address} names issuer ${JSON.stringify(metadata.issuer)} or has no jwks_uri (expected ${issuer.issuer})`,
      ),
    );
  return createRemoteJWKSet(new URL(metadata.jwks_uri), {
    timeoutDuration: ISSUER_TIMEOUT_MS,
    cooldownDuration: issuer.jwksCooldownSeconds * 1000,
  });
}

const issuerUnreachable = (error: unknown) =>
  new DependencyUnavailableError(
    'identity-provider',
    'auth.issuer_unreachable',
    `the identity provider could not be asked for its keys: ${error instanceof Error ? error.message : String(error)}`,
  );

/** jose's verdict on a token, as the reason the caller is told. */
function refusalOf(error: unknown, issuer?: IssuerSettings): Error {
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  const reason = (error as { reason?: unknown }).reason;
  const refuse = (refusal: TokenRefusal, message: string) => new TokenRefusedError(refusal, message);
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return refuse('auth.token_expired', 'the bearer token has expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return refuse('auth.claims_missing', `the bearer token has no ${String(claim)} claim`);
      if (claim === 'aud')
        return refuse(
          'auth.wrong_audience',
          `the bearer token is not meant for this API (its audience is not ${issuer?.audience ?? 'this API'})`,
        );
      if (claim === 'iss') return refuse('auth.wrong_issuer', `the bearer token was not issued by ${issuer?.issuer}`);
      if (claim === 'nbf' || claim === 'iat')
        return refuse('auth.token_not_yet_valid', 'the bearer token is not valid yet');
      return refuse('auth.claims_missing', `the bearer token's ${String(claim)} claim is not valid`);
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return refuse(
        'auth.unknown_key',
        'the bearer token is signed with a key the identity provider does not publish (kid)',
      );
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return refuse('auth.signature_invalid', "the bearer token's signature is not valid");
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return refuse('auth.algorithm_not_allowed', "the bearer token's algorithm is not accepted");
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return refuse('auth.token_malformed', 'the bearer token is not a valid JSON Web Token');
    default:
      // The key set could not be fetched (timeout, network, a broken JWKS): the token is not at fault.
      if (issuer) return issuerUnreachable(error);
      return refuse('auth.token_malformed', 'the bearer token could not be verified');
  }
}
