/**
 * What a mail client shows of a raw received message: quoted-printable undone (soft line breaks,
 * =XX escapes) and UTF-8 decoded, so tests can search the text and HTML bodies for links.
 */
export function mailText(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/[\u0080-\u00ff]+/g, (s) => Buffer.from(s, 'latin1').toString('utf8'));
}

/** The path (and query) of the first link in `raw` to `/email/<kind>/<token>`. */
export function emailLink(raw: string, kind: 'confirm' | 'manage' | 'unsubscribe'): string {
  const m = new RegExp(`https?://[^/\\s"<>]+(/email/${kind}/[\\w.-]+)`).exec(mailText(raw));
  if (!m?.[1]) throw new Error(`no ${kind} link in mail:\n${raw}`);
  return m[1];
}
