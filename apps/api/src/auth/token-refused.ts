import { KnownError, type ErrorKind } from '@pj/domain';

/** Why a bearer token was refused; the problem's `code` and the end of its `type`. */
export type TokenRefusal =
  | 'auth.token_missing'
  | 'auth.token_malformed'
  | 'auth.token_unsigned'
  | 'auth.algorithm_not_allowed'
  | 'auth.signature_invalid'
  | 'auth.unknown_key'
  | 'auth.wrong_issuer'
  | 'auth.wrong_audience'
  | 'auth.token_expired'
  | 'auth.token_not_yet_valid'
  | 'auth.claims_missing';

/** The caller is not authenticated: 401 with the reason (the filter adds WWW-Authenticate). */
export class TokenRefusedError extends KnownError {
  readonly kind: ErrorKind = 'unauthenticated';
  constructor(code: TokenRefusal, message: string) {
    super(code, message);
  }
}
