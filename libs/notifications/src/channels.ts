import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationConfig } from '@pj/config';
import { signWebhook } from './signature';

/** A message of the outbox as a channel sends it. `deliveryId` is its idempotency key. */
export interface OutgoingMessage {
  readonly deliveryId: string;
  readonly address: string;
  readonly subject: string;
  readonly body: string;
  /** The exact JSON body of a webhook call. */
  readonly payload?: string | null;
}

/** Mail over SMTP and signed webhooks. Both carry the delivery's idempotency key. */
export class Channels {
  private transport?: Transporter;

  constructor(
    private readonly config: Pick<NotificationConfig, 'smtpUrl' | 'mailFrom' | 'webhookSecret'>,
    private readonly now: () => number = Date.now,
  ) {}

  async email(message: OutgoingMessage): Promise<void> {
    if (!this.config.smtpUrl) throw new Error('SMTP_URL is not set: mail cannot be sent');
    this.transport ??= createTransport(this.config.smtpUrl);
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: message.address,
      subject: message.subject,
      text: message.body,
      // The same on a resend, so mail systems and people can tell a duplicate.
      messageId: `<${message.deliveryId}@procurement-journey>`,
      headers: { 'Idempotency-Key': message.deliveryId },
    });
  }

  async webhook(message: OutgoingMessage): Promise<void> {
    const body = message.payload ?? '{}';
    const timestamp = Math.floor(this.now() / 1000);
    const response = await fetch(message.address, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Webhook-Signature': signWebhook(this.config.webhookSecret, body, timestamp),
        'Idempotency-Key': message.deliveryId,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook ${message.address} answered ${response.status}`);
  }

  close(): void {
    this.transport?.close();
  }
}
