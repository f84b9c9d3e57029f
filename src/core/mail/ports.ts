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
}

export interface Mailer {
  /**
   * Sends `message`. Rejects with AppError `mail_failed`; `details.permanent` is true when the
   * server refused for good (SMTP 5xx), false when a retry may succeed (4xx, connection errors).
   */
  send(message: MailMessage): Promise<SentMail>;
  /** Releases pooled connections. */
  close(): Promise<void>;
}
