import { AuditKeyError, loadAuditKeys, type AuditKeys } from '@pj/audit';
import { DependencyUnavailableError } from '../errors/request-errors';

/** The keys chain heads are checked with, loaded when first needed (a function: `() => AuditKeys`). */
export const AUDIT_KEYS = Symbol('AuditKeys');

/**
 * AUDIT_VERIFY_KEY (or AUDIT_SIGNING_KEY), as for the CLI. Missing in production, verification
 * answers 503 rather than the API refusing to start: everything else still works.
 */
export function auditKeysFromEnvironment(env: NodeJS.ProcessEnv = process.env): () => AuditKeys {
  let keys: AuditKeys | undefined;
  return () => {
    try {
      return (keys ??= loadAuditKeys(env));
    } catch (error) {
      if (error instanceof AuditKeyError)
        throw new DependencyUnavailableError('audit-keys', 'audit_keys.missing', error.message);
      throw error;
    }
  };
}
