/**
 * Every URL a mail carries, built in one place: signed confirm, manage and unsubscribe links
 * (see link-token.ts), and plain links to papers, searches and feed days.
 */
import type { Clock } from '../clock.ts';
import { createError } from '../errors.ts';
import { type LinkPurpose, signLink, verifyLink } from './link-token.ts';

/** How long links stay valid: confirmation a week, manage links 90 days, unsubscribe forever. */
export const LINK_TTL_DAYS: Record<LinkPurpose, number | null> = {
  confirm: 7,
  manage: 90,
  unsubscribe: null,
};

export interface Links {
  confirm(subscriptionId: string): string;
  manage(address: string): string;
  /** The https one-click unsubscribe URL (RFC 8058) and the page behind it. */
  unsubscribe(subscriptionId: string): string;
  /** mailto: unsubscribe URL for List-Unsubscribe (RFC 2369). */
  unsubscribeMailto(subscriptionId: string): string;
  paper(id: string): string;
  search(query: string): string;
  feedDay(day: string): string;
  home(): string;
  /** The subject of a token for `purpose`; throws link_invalid / link_expired. */
  verify(token: string, purpose: LinkPurpose): string;
  /** A bare token (for forms that post it back). */
  token(purpose: LinkPurpose, subject: string): string;
}

export interface LinkOptions {
  baseUrl: string;
  /** The signing key; null before the store is migrated (signing and verifying then throw). */
  secret: string | null;
  clock: Clock;
  /** Address that receives mailto unsubscribe requests. */
  unsubscribeMailbox: string;
}

export function createLinks(options: LinkOptions): Links {
  const { baseUrl, clock } = options;
  const key = () => {
    if (options.secret === null)
      throw createError(
        'store_unavailable',
        'mailed links are signed with the instance secret, kept in the store, which is not migrated yet: run `paperboy migrate`',
      );
    return options.secret;
  };
  const token = (purpose: LinkPurpose, subject: string) => {
    const days = LINK_TTL_DAYS[purpose];
    const expires = days === null ? null : new Date(clock.now().getTime() + days * 86_400_000);
    return signLink(key(), purpose, subject, expires);
  };
  return {
    confirm: (id) => `${baseUrl}/email/confirm/${token('confirm', id)}`,
    manage: (address) => `${baseUrl}/email/manage/${token('manage', address)}`,
    unsubscribe: (id) => `${baseUrl}/email/unsubscribe/${token('unsubscribe', id)}`,
    unsubscribeMailto: (id) =>
      `mailto:${options.unsubscribeMailbox}?subject=${encodeURIComponent(`unsubscribe ${token('unsubscribe', id)}`)}`,
    paper: (id) => `${baseUrl}/papers/${id}`,
    search: (query) => `${baseUrl}/search?${query}`,
    feedDay: (day) => `${baseUrl}/papers/date/${day}`,
    home: () => `${baseUrl}/`,
    verify: (t, purpose) => verifyLink(key(), t, purpose, clock.now()),
    token,
  };
}
