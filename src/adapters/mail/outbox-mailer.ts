/**
 * The mailer for boxes without SMTP: each mail is written as an .eml file to an outbox folder and
 * logged (recipient and subject), so an operator can still read sign-in links. Built with
 * nodemailer's stream transport, so the files are the exact bytes SMTP would have carried.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../../core/logger.ts';
import type { Mailer, MailMessage, SendOptions, SentMail } from '../../core/mail/ports.ts';
import { assertHeaderSafe } from './header-safety.ts';

export class OutboxMailer implements Mailer {
  private readonly transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly log: Logger,
  ) {}

  async send(message: MailMessage, options: SendOptions = {}): Promise<SentMail> {
    assertHeaderSafe(message);
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
      messageId: message.messageId ? `<${message.messageId}>` : undefined,
    });
    const messageId = String(info.messageId ?? '').replace(/^<|>$/g, '');
    await mkdir(this.dir, { recursive: true });
    const file = join(
      this.dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.replace(/[^\w.-]/g, '_')}.eml`,
    );
    // Written under a temporary name, then renamed: the rename is the "end of data" that
    // `commit` must precede, so a crash in between leaves no half-delivered .eml behind.
    await writeFile(`${file}.tmp`, info.message as Buffer);
    await options.commit?.();
    await rename(`${file}.tmp`, file);
    this.log.info('mail written to outbox (no SMTP_HOST configured)', {
      to: message.to,
      subject: message.subject,
      file,
    });
    return { messageId };
  }

  async close(): Promise<void> {}
}
