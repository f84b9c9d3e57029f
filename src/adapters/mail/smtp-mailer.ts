/**
 * Mailer over SMTP with nodemailer (pooled connections). SMTP 5xx replies become permanent
 * failures, everything else (4xx, refused connections, timeouts) transient, so callers know
 * whether to retry.
 */
import nodemailer from 'nodemailer';
import { createError } from '../../core/errors.ts';
import type { Mailer, MailMessage, SentMail } from '../../core/mail/ports.ts';
import { assertHeaderSafe } from './header-safety.ts';

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** Sender, e.g. `paperboy <papers@example.org>`. */
  from: string;
  /** Socket timeouts in ms (default 30 s). */
  timeoutMs?: number;
}

export class SmtpMailer implements Mailer {
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;

  constructor(private readonly options: SmtpOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 2,
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(message: MailMessage): Promise<SentMail> {
    assertHeaderSafe(message);
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId: message.messageId ? `<${message.messageId}>` : undefined,
      });
      return { messageId: String(info.messageId ?? '').replace(/^<|>$/g, '') };
    } catch (cause) {
      const responseCode = (cause as { responseCode?: number }).responseCode;
      const permanent = typeof responseCode === 'number' && responseCode >= 500;
      const why = cause instanceof Error ? cause.message : String(cause);
      throw createError('mail_failed', message.to, why, {
        cause,
        details: { permanent, responseCode },
      });
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
