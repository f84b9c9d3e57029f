/**
 * Email addresses as subscribers type them: trimmed, lower-cased, and checked to be one plain
 * address — nothing that could smuggle a second recipient or a header into a mail.
 */
import { createError } from '../errors.ts';
import { hasNonPrintable } from '../mail/mailbox.ts';

/** local@domain.tld; no spaces, brackets, commas, quotes or control characters. */
const ADDRESS =
  /^[^\s@<>,;:"()[\]\\]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, so an address at most 254. */
const MAX_LENGTH = 254;

/**
 * The normalised form of `input`, or `invalid_input` saying what is wrong with it. Lower-cases
 * the whole address: mailbox names are case-insensitive on every provider that matters, and one
 * spelling per address is what keeps "never the same paper twice" true.
 */
export function normalizeAddress(input: string): string {
  const address = input.trim().toLowerCase();
  if (address === '') throw createError('invalid_input', 'an email address is required');
  if (address.length > MAX_LENGTH) {
    throw createError('invalid_input', `an email address has at most ${MAX_LENGTH} characters`);
  }
  if (hasNonPrintable(address) || !ADDRESS.test(address)) {
    const shown = JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input);
    throw createError(
      'invalid_input',
      `${shown} is not an email address. Enter one address like name@example.org.`,
    );
  }
  return address;
}

/** True when `text` holds a character that must never reach a mail header (CR, LF, NUL…). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
