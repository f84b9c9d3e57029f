/**
 * One spelling per mailbox. Addresses are checked for characters no mail system should see
 * (controls, format characters such as zero-width or bidi marks), and folded to the mailbox they
 * reach (lower case, `+tag` dropped) when counting mails toward a limit, so neither a control
 * character that a mailer strips nor plus-addressing opens a second allowance for one inbox.
 */

/** Control (Cc), format (Cf), surrogate, private-use and unassigned code points: never in an address. */
const NON_PRINTABLE = /[\p{C}]/u;

/** True when `text` holds a character that is not printable (CR, LF, NUL, \x01, U+200B, …). */
export function hasNonPrintable(text: string): boolean {
  return NON_PRINTABLE.test(text);
}

/**
 * The mailbox an address delivers to, for keying limits: trimmed, lower-cased, with a
 * plus-address tag removed (`Ann+papers@Example.org` → `ann@example.org`). Null when the text
 * holds non-printable characters or is not local@domain.
 */
export function canonicalMailbox(address: string): string | null {
  const trimmed = address.trim().toLowerCase();
  if (hasNonPrintable(trimmed)) return null;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at).split('+')[0] ?? '';
  if (local === '') return null;
  return `${local}@${trimmed.slice(at + 1)}`;
}
