/**
 * The Mailer port: sends one message. The SMTP adapter (nodemailer) is the real one; without SMTP
 * configured, mails are written to the data directory's outbox and logged, so sign-in links still
 * work on a box with no mail server.
 */

export interface MailMessage {
  /** One recipient address. */
  to: string;
  subject: string;
  /** Plain-text body (always sent). */
  text: string;
  /** HTML body (optional alternative). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. Values must not contain CR or LF. */
  headers?: Record<string, string>;
  /** Message-ID to use (without angle brackets); generated when absent. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** The server's final reply (e.g. `250 OK: queued as …`), when there is one. */
  response?: string;
}

/** Options for one send. */
export interface SendOptions {
  /**
   * Called once the whole message except its end-of-data marker has reached the server, right
   * before that marker is written: the point after which the server may accept the message. If it
   * throws, the message is abandoned (the connection is dropped, so the server discards it) and
   * `send` rejects with that error. Callers that must deliver exactly once record "sent" here.
   */
  commit?: () => void | Promise<void>;
}

export interface Mailer {
  /**
   * Sends `message`. Rejects with AppError `mail_failed`; `details.permanent` is true when the
   * server refused for good (SMTP 5xx), false when a retry may succeed (4xx, connection errors).
   * `details.afterCommit` is true when the failure came after `options.commit` ran (the server
   * may or may not have the message).
   */
  send(message: MailMessage, options?: SendOptions): Promise<SentMail>;
  /** Releases pooled connections. */
  close(): Promise<void>;
}
