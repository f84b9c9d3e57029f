/**
 * Signed links in mails (no login needed): confirm a subscription, manage an address's
 * subscriptions, unsubscribe. A token is `<payload>.<mac>`: the payload names what it is for,
 * whom it is for and when it expires; the MAC is HMAC-SHA256 with the instance's secret,
 * truncated to 128 bits. Forged, altered and expired tokens are told apart and refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createError } from '../errors.ts';

export type LinkPurpose = 'confirm' | 'manage' | 'unsubscribe';

const MAC_BYTES = 16;

/** A token for `purpose` and `subject` (a subscription id or an address); null = never expires. */
export function signLink(
  secret: string,
  purpose: LinkPurpose,
  subject: string,
  expiresAt: Date | null,
): string {
  const exp = expiresAt ? Math.floor(expiresAt.getTime() / 1000).toString(36) : '0';
  const payload = Buffer.from(`${purpose}:${exp}:${subject}`, 'utf8').toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/**
 * The subject of a valid token for `purpose`. Throws `link_invalid` for anything forged, altered,
 * truncated or meant for another purpose, and `link_expired` for a genuine token past its time.
 */
export function verifyLink(secret: string, token: string, purpose: LinkPurpose, now: Date): string {
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined || token.length > 2000) {
    throw createError('link_invalid', 'the link is incomplete or malformed');
  }
  const expected = Buffer.from(mac(secret, payload), 'base64url');
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw createError('link_invalid', 'the link was not issued by this paperboy or was altered');
  }
  const [kind, exp, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
  if (kind !== purpose) {
    throw createError('link_invalid', `this is not a ${purpose} link`);
  }
  const expiresMs = Number.parseInt(exp ?? '', 36) * 1000;
  if (expiresMs > 0 && now.getTime() > expiresMs) {
    throw createError('link_expired', new Date(expiresMs).toISOString().slice(0, 10));
  }
  return rest.join(':');
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret)
    .update(payload)
    .digest()
    .subarray(0, MAC_BYTES)
    .toString('base64url');
}
