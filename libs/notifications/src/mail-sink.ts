import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { isProduction, type EngineConfig } from '@pj/config';

/** A mail as received: its headers (lower-case names), decoded subject and text, and the envelope. */
export interface CaughtMail {
  readonly file?: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly receivedAt: string;
}

/**
 * A local SMTP server that keeps every mail it receives: `npm start` runs one when no SMTP_URL is
 * set, so a new user reads the mails (`npm run cli -- mail`) without configuring anything; tests
 * run one as the real server mail is sent to. Mails go to `dir` as .eml files when given.
 */
export class MailSink {
  readonly mails: CaughtMail[] = [];
  private readonly server: SMTPServer;
  private port = 0;

  constructor(private readonly dir?: string) {
    if (dir) mkdirSync(dir, { recursive: true });
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const receivedAt = new Date().toISOString();
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((to) => to.address),
          };
          let file: string | undefined;
          if (this.dir) {
            file = join(this.dir, `${receivedAt.replace(/[:.]/g, '-')}-${this.mails.length}.eml`);
            writeFileSync(file, `X-Envelope-To: ${envelope.to.join(', ')}\r\n${raw}`);
          }
          this.mails.push({ ...parseMail(raw), ...envelope, receivedAt, ...(file ? { file } : {}) });
          callback();
        });
      },
    });
  }

  /** Listens on 127.0.0.1 (`port` 0: a free one); answers the SMTP_URL to send to. */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as { port: number }).port;
    return this.url;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The mails a sink kept in `dir`, oldest first. */
export function readCaughtMail(dir: string): CaughtMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
  return files.sort().map((name) => {
    const raw = readFileSync(join(dir, name), 'utf8');
    const mail = parseMail(raw);
    return {
      ...mail,
      file: join(dir, name),
      from: mail.headers.from ?? '',
      to: (mail.headers['x-envelope-to'] ?? mail.headers.to ?? '').split(/,\s*/).filter(Boolean),
      receivedAt: mail.headers.date ? new Date(mail.headers.date).toISOString() : '',
    };
  });
}

/** Enough of RFC 5322/2047/2045 for the mails nodemailer writes: headers, encoded words, QP or base64 text. */
export function parseMail(raw: string): Omit<CaughtMail, 'from' | 'to' | 'receivedAt'> {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(rest.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(rest)
        : rest;
  return { subject: headers.subject ?? '', headers, text: text.replace(/\r\n/g, '\n').trimEnd() };
}

function decodeQuotedPrintable(text: string): string {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

/**
 * Development without SMTP_URL: a sink on a free local port catches every mail under
 * `$DATA_DIR/mail`, so `npm start` shows what people are told with nothing configured. Answers the
 * configuration to run with (mail sent to the sink) and the sink, or neither in production or when
 * SMTP_URL is set.
 */
export async function catchMailInDevelopment(
  config: EngineConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ config: EngineConfig; sink?: MailSink }> {
  if (config.notifications.smtpUrl || isProduction(env)) return { config };
  const sink = new MailSink(join(config.dataDir, 'mail'));
  const smtpUrl = await sink.start();
  return { config: { ...config, notifications: { ...config.notifications, smtpUrl } }, sink };
}
