import { useSyncExternalStore } from 'react';

/** Who is signed in (from the OpenID provider's tokens, see openid.ts) and the tokens to use. */
export interface Session {
  /** The access token the API is called with. */
  readonly token: string;
  /** When the access token expires (ms since the epoch); renewed before. */
  readonly expiresAt: number;
  readonly refreshToken?: string;
  /** Sent back to the provider at sign-out. */
  readonly idToken?: string;
  readonly user: {
    readonly id: string;
    readonly name: string;
    readonly role: string;
    readonly organisationId: string;
    readonly supplierId?: string;
  };
}

// sessionStorage: the session ends with the tab, and another tab may sign in as someone else.
const KEY = 'pj.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cached.raw) cached = { raw, session: raw ? (JSON.parse(raw) as Session) : null };
  return cached.session;
}

export function signIn(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((listener) => listener());
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function useSession(): Session | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, currentSession);
}

/** Roles in words, for screens and messages. */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  contract_manager: 'contract manager',
  compliance_officer: 'compliance officer',
  auditor: 'auditor',
  supplier: 'supplier',
  monitor: 'monitor',
};
