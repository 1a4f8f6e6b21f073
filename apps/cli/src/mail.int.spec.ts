import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@pj/config';
import { catchMailInDevelopment, Channels } from '@pj/notifications';
import { EXIT, runCli } from './cli';

// `npm start` without SMTP_URL: a real SMTP server in the process catches what nodemailer sends,
// and `procurement-journey mail` reads it back from $DATA_DIR/mail.
describe('mail caught in development, read with the CLI', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'pj-mail-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['node', 'procurement-journey', ...args], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: { DATA_DIR: dataDir },
      interactive: false,
    });
    return { code, stdout, stderr };
  };

  it('catches mail sent to the local sink and lists and shows it', async () => {
    expect((await run(['mail'])).stdout).toMatch(/^no mail caught yet/);
    const { config, sink } = await catchMailInDevelopment(loadConfig({ DATA_DIR: dataDir }), {});
    expect(sink).toBeDefined();
    expect(config.notifications.smtpUrl).toBe(sink!.url);
    const channels = new Channels(config.notifications);
    try {
      await channels.email({
        deliveryId: '6a0d7c1e-3f2b-5c4d-8e9f-0a1b2c3d4e5f',
        address: 'desk@dell.example',
        subject: 'Se requiere un plan de acción correctiva para el incumplimiento f-1',
        body: 'Su comprador confirmó el incumplimiento f-1 — 违规 f-1',
      });
    } finally {
      channels.close();
      await sink!.stop();
    }

    const listed = await run(['mail']);
    expect(listed.code).toBe(EXIT.ok);
    expect(listed.stdout).toMatch(
      /^ {2}1 {2}\S+ {2}desk@dell\.example {2}Se requiere un plan de acción correctiva para el incumplimiento f-1\n$/,
    );
    const shown = await run(['mail', '1']);
    expect(shown.stdout).toContain('Idempotency-Key: 6a0d7c1e-3f2b-5c4d-8e9f-0a1b2c3d4e5f');
    expect(shown.stdout).toContain('Su comprador confirmó el incumplimiento f-1 — 违规 f-1');
    const json = JSON.parse((await run(['mail', '--json'])).stdout);
    expect(json).toEqual([
      expect.objectContaining({ to: ['desk@dell.example'], subject: expect.stringMatching(/^Se requiere/) }),
    ]);
    expect((await run(['mail', '2'])).code).toBe(EXIT.usage);
  });

  it('catches nothing when SMTP_URL is set or in production', async () => {
    const withSmtp = await catchMailInDevelopment(
      loadConfig({ DATA_DIR: dataDir, SMTP_URL: 'smtp://mail.example:25' }),
      {},
    );
    expect(withSmtp.sink).toBeUndefined();
    expect(withSmtp.config.notifications.smtpUrl).toBe('smtp://mail.example:25');
    const production = await catchMailInDevelopment(loadConfig({ DATA_DIR: dataDir }), { NODE_ENV: 'production' });
    expect(production.sink).toBeUndefined();
    expect(production.config.notifications.smtpUrl).toBeUndefined();
  });
});
