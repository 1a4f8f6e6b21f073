import { ConfigError } from './config';
import { DEVELOPMENT_WEBHOOK_SECRET, loadNotificationConfig } from './notifications';

describe('notification configuration', () => {
  it('has defaults that need nothing set: no mail, no webhooks, ten attempts, a daily digest', () => {
    expect(loadNotificationConfig({})).toMatchObject({
      smtpUrl: undefined,
      webhooks: [],
      webhookSecret: DEVELOPMENT_WEBHOOK_SECRET,
      maxAttempts: 10,
      retryInitialMs: 2_000,
      digestMs: 86_400_000,
    });
  });

  it('reads one webhook per organisation and the mail server', () => {
    const config = loadNotificationConfig({
      SMTP_URL: 'smtp://127.0.0.1:2525',
      NOTIFICATION_WEBHOOKS: 'scc=https://erp.scc.example/hooks, madison=http://127.0.0.1:9000/in',
      WEBHOOK_SECRET: 'a-secret',
      NOTIFICATION_RETRY_SECONDS: '0.5',
    });
    expect(config.webhooks).toEqual([
      { organisationId: 'scc', url: 'https://erp.scc.example/hooks' },
      { organisationId: 'madison', url: 'http://127.0.0.1:9000/in' },
    ]);
    expect(config.retryInitialMs).toBe(500);
  });

  it('refuses what it cannot use, naming the variable', () => {
    expect(() => loadNotificationConfig({ NOTIFICATION_WEBHOOKS: 'https://erp.example/hooks' })).toThrow(
      /NOTIFICATION_WEBHOOKS/,
    );
    expect(() => loadNotificationConfig({ SMTP_URL: 'mail.example:25' })).toThrow(/SMTP_URL/);
    expect(() => loadNotificationConfig({ NOTIFICATION_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
    expect(() =>
      loadNotificationConfig({ NODE_ENV: 'production', NOTIFICATION_WEBHOOKS: 'scc=https://erp.example/hooks' }),
    ).toThrow(/WEBHOOK_SECRET/);
  });
});
