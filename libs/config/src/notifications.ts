import { ConfigError, isProduction } from './config';

/** Where and how people are told (README: Configuration). */
export interface NotificationConfig {
  /** SMTP server mail goes to (`smtp://host:port`); absent: no mail is sent (in-app and webhooks only). */
  readonly smtpUrl?: string;
  /** The sender of every mail. */
  readonly mailFrom: string;
  /** Each buyer's own systems: every notification of the organisation is posted there, signed. */
  readonly webhooks: readonly { readonly organisationId: string; readonly url: string }[];
  /** HMAC-SHA256 key of the `Webhook-Signature` header. */
  readonly webhookSecret: string;
  /** Attempts at one delivery before it is parked for an administrator. */
  readonly maxAttempts: number;
  /** The first retry's wait; each next one doubles it (at most ten minutes). */
  readonly retryInitialMs: number;
  /** How long a digest gathers from its first notification before it is sent (a day). */
  readonly digestMs: number;
}

/** Only for local runs, like the development JWT secret. */
export const DEVELOPMENT_WEBHOOK_SECRET = 'procurement-journey-development-webhook-secret';

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(name, `must be a number above 0, got "${raw}"`);
  return value;
}

/** `organisation=url,organisation=url`: one webhook per buyer organisation. */
function webhooksFrom(raw: string | undefined): NotificationConfig['webhooks'] {
  return (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const at = entry.indexOf('=');
      const organisationId = entry.slice(0, at).trim();
      const url = entry.slice(at + 1).trim();
      if (at < 1 || !/^https?:\/\//.test(url))
        throw new ConfigError('NOTIFICATION_WEBHOOKS', `must be organisation=http(s)://… pairs, got "${entry}"`);
      return { organisationId, url };
    });
}

export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new ConfigError('SMTP_URL', `must be smtp://… or smtps://…, got "${smtpUrl}"`);
  const webhooks = webhooksFrom(env.NOTIFICATION_WEBHOOKS);
  const secret = env.WEBHOOK_SECRET || undefined;
  if (!secret && webhooks.length > 0 && isProduction(env))
    throw new ConfigError('WEBHOOK_SECRET', 'is required for NOTIFICATION_WEBHOOKS in production');
  return {
    smtpUrl,
    mailFrom: env.MAIL_FROM || 'Procurement Journey <notifications@procurement-journey.localhost>',
    webhooks,
    webhookSecret: secret ?? DEVELOPMENT_WEBHOOK_SECRET,
    maxAttempts: Math.round(count(env, 'NOTIFICATION_MAX_ATTEMPTS', 10)),
    retryInitialMs: count(env, 'NOTIFICATION_RETRY_SECONDS', 2) * 1000,
    digestMs: count(env, 'NOTIFICATION_DIGEST_SECONDS', 86_400) * 1000,
  };
}
