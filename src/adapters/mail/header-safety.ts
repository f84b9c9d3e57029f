/**
 * Header injection guard: no CR or LF in anything that becomes a mail header, and one plain
 * address as recipient. Checked before any byte goes out.
 */
import { createError } from '../../core/errors.ts';
import { hasNonPrintable } from '../../core/mail/mailbox.ts';
import type { MailMessage } from '../../core/mail/ports.ts';

const NEWLINE = /[\r\n]/;
/** A deliberately plain address check: local@domain, no spaces, no brackets, no commas. */
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** Throws `invalid_input` when the message could inject headers or address several recipients. */
export function assertHeaderSafe(message: MailMessage): void {
  // Non-printable characters: mailers strip some (\x01–\x08), turning one address into another.
  if (hasNonPrintable(message.to) || !ADDRESS.test(message.to)) {
    throw createError('invalid_input', `"${message.to}" is not a single email address`);
  }
  const fields: [string, string][] = [
    ['subject', message.subject],
    ...Object.entries(message.headers ?? {}).map(([k, v]): [string, string] => [
      `header ${k}`,
      `${k}${v}`,
    ]),
  ];
  if (message.messageId) fields.push(['messageId', message.messageId]);
  for (const [name, value] of fields) {
    if (NEWLINE.test(value))
      throw createError('invalid_input', `${name} must not contain line breaks`);
  }
}
