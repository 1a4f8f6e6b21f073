import { isProduction } from '@pj/config';
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/*
 * Chain heads are signed with Ed25519 (node:crypto), not an HMAC: the private key stays with the
 * process that seals heads, and auditors verify with the public key alone. With an HMAC every
 * verifier would hold the key that forges heads. Keys come from the environment:
 *
 *   AUDIT_SIGNING_KEY  the Ed25519 private key, PKCS#8 PEM (needed to write heads)
 *   AUDIT_VERIFY_KEY   the Ed25519 public key, SPKI PEM (enough to verify; derived from the
 *                      signing key when only that is set)
 *
 * Without either, outside NODE_ENV=production, a fixed development key pair is used and said so
 * (its key id starts with "dev-"): heads signed with it prove nothing.
 */

export interface AuditKeys {
  /** Absent when only the public key is configured: heads can be verified, not written. */
  readonly privateKey?: KeyObject;
  readonly publicKey: KeyObject;
  /** First 16 hex digits of the SHA-256 of the public key (DER); `dev-` prefixed for the development key. */
  readonly keyId: string;
  readonly development: boolean;
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

const DEVELOPMENT_SEED = createHash('sha256').update('procurement-journey development audit key').digest();
/** DER prefix of an Ed25519 PKCS#8 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function keyIdOf(publicKey: KeyObject, development: boolean): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `${development ? 'dev-' : ''}${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

export function keysFromSeed(seed: Buffer, development = false): AuditKeys {
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey, development), development };
}

export function loadAuditKeys(env: NodeJS.ProcessEnv = process.env): AuditKeys {
  const signing = env.AUDIT_SIGNING_KEY;
  const verifying = env.AUDIT_VERIFY_KEY;
  if (signing) {
    const privateKey = parse(() => createPrivateKey(signing), 'AUDIT_SIGNING_KEY', 'a PKCS#8 PEM private key');
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new AuditKeyError('AUDIT_SIGNING_KEY must be an Ed25519 key');
    const publicKey = createPublicKey(privateKey);
    return { privateKey, publicKey, keyId: keyIdOf(publicKey, false), development: false };
  }
  if (verifying) {
    const publicKey = parse(() => createPublicKey(verifying), 'AUDIT_VERIFY_KEY', 'an SPKI PEM public key');
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new AuditKeyError('AUDIT_VERIFY_KEY must be an Ed25519 key');
    return { publicKey, keyId: keyIdOf(publicKey, false), development: false };
  }
  if (isProduction(env))
    throw new AuditKeyError(
      `AUDIT_SIGNING_KEY or AUDIT_VERIFY_KEY is required when NODE_ENV=${env.NODE_ENV} (anything but development or test counts as production)`,
    );
  return keysFromSeed(DEVELOPMENT_SEED, true);
}

function parse(build: () => KeyObject, variable: string, what: string): KeyObject {
  try {
    return build();
  } catch {
    throw new AuditKeyError(`${variable} must be ${what}`);
  }
}

export function signText(keys: AuditKeys, text: string): string {
  if (!keys.privateKey)
    throw new AuditKeyError('writing a chain head needs AUDIT_SIGNING_KEY (only a verify key is configured)');
  return sign(null, Buffer.from(text, 'utf8'), keys.privateKey).toString('base64');
}

export function verifyText(keys: AuditKeys, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), keys.publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
