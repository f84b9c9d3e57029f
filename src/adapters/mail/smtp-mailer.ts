/**
 * Mailer over SMTP: nodemailer's MailComposer builds the MIME message, our SmtpConnection speaks
 * the protocol (so `commit` can run at the end-of-data point; see smtp-connection.ts). Up to
 * `maxConnections` connections are kept open and reused. SMTP 5xx replies become permanent
 * failures, everything else (4xx, refused connections, timeouts) transient, so callers know
 * whether to retry.
 */

import type tls from 'node:tls';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { createError } from '../../core/errors.ts';
import type { Mailer, MailMessage, SendOptions, SentMail } from '../../core/mail/ports.ts';
import { assertHeaderSafe } from './header-safety.ts';
import { SmtpConnection, SmtpError } from './smtp-connection.ts';

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
  /** Connections kept open in parallel (default 2). */
  maxConnections?: number;
  /** Extra TLS options (tests: a self-signed server). */
  tls?: tls.ConnectionOptions;
}

/** Idle connections are closed after this long (ms), so a quiet instance holds no sockets. */
const IDLE_MS = 10_000;

export class SmtpMailer implements Mailer {
  private readonly idle: SmtpConnection[] = [];
  private readonly queue: ((c: SmtpConnection | null) => void)[] = [];
  private open = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly envelopeFrom: string;

  constructor(private readonly options: SmtpOptions) {
    const parsed = addressparser(options.from, { flatten: true })[0];
    this.envelopeFrom = parsed?.address ?? options.from;
  }

  async send(message: MailMessage, options: SendOptions = {}): Promise<SentMail> {
    assertHeaderSafe(message);
    const { raw, messageId } = await compose(this.options.from, message);
    const connection = await this.acquire().catch((cause: unknown) => {
      throw mailError(message.to, cause);
    });
    try {
      const response = await connection.send(this.envelopeFrom, message.to, raw, options.commit);
      this.release(connection);
      return { messageId, response };
    } catch (cause) {
      if (connection.usable && !(cause instanceof SmtpError && cause.afterCommit)) {
        this.release(connection);
      } else {
        connection.destroy();
        this.release(null);
      }
      if (cause instanceof SmtpError) throw mailError(message.to, cause);
      throw cause; // the commit hook's own error
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await Promise.all(this.idle.splice(0).map((c) => c.quit()));
  }

  private async acquire(): Promise<SmtpConnection> {
    while (this.idle.length > 0) {
      const c = this.idle.pop();
      if (c?.usable) return c;
      this.open--;
    }
    if (this.open < (this.options.maxConnections ?? 2)) {
      this.open++;
      try {
        return await SmtpConnection.open({
          host: this.options.host,
          port: this.options.port,
          secure: this.options.secure,
          user: this.options.user,
          password: this.options.password,
          timeoutMs: this.options.timeoutMs ?? 30_000,
          tls: this.options.tls,
        });
      } catch (error) {
        this.open--;
        this.wakeOne(null);
        throw error;
      }
    }
    const handed = await new Promise<SmtpConnection | null>((resolve) => this.queue.push(resolve));
    return handed ?? this.acquire();
  }

  /** Returns a connection to the pool (or a slot, when `connection` is null because it died). */
  private release(connection: SmtpConnection | null): void {
    if (connection === null || !connection.usable) {
      this.open--;
      this.wakeOne(null);
      return;
    }
    if (this.wakeOne(connection)) return;
    this.idle.push(connection);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      for (const c of this.idle.splice(0)) {
        this.open--;
        void c.quit();
      }
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private wakeOne(connection: SmtpConnection | null): boolean {
    const next = this.queue.shift();
    if (!next) return false;
    next(connection);
    return true;
  }
}

/** Builds the RFC 5322 message with nodemailer's composer (headers encoded and folded for us). */
async function compose(
  from: string,
  message: MailMessage,
): Promise<{ raw: Buffer; messageId: string }> {
  const node = new MailComposer({
    from,
    to: message.to,
    subject: message.subject,
    // Quoted-printable set up front: nodemailer would otherwise scan each body to choose.
    text: { content: message.text, contentTransferEncoding: 'quoted-printable' },
    html:
      message.html === undefined
        ? undefined
        : { content: message.html, contentTransferEncoding: 'quoted-printable' },
    headers: message.headers,
    messageId: message.messageId ? `<${message.messageId}>` : undefined,
  }).compile();
  const raw = await node.build();
  const messageId = String(node.messageId()).replace(/^<|>$/g, '');
  return { raw, messageId };
}

function mailError(to: string, cause: unknown) {
  const responseCode = cause instanceof SmtpError ? cause.responseCode : undefined;
  const afterCommit = cause instanceof SmtpError && cause.afterCommit;
  const permanent = typeof responseCode === 'number' && responseCode >= 500;
  const why = cause instanceof Error ? cause.message : String(cause);
  return createError('mail_failed', to, why, {
    cause,
    details: { permanent, responseCode, afterCommit },
  });
}
