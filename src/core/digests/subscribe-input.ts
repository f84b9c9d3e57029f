/**
 * What a subscribe request carries, and its validation into the fields of a subscription (kind,
 * cadence, time zone, a canonical search or an author's name).
 */
import { createError } from '../errors.ts';
import { hasControlCharacters, normalizeAddress } from './address.ts';
import {
  CADENCES,
  type Cadence,
  SUBSCRIPTION_KINDS,
  type Subscription,
  type SubscriptionKind,
} from './model.ts';
import { canonicalSearch } from './saved-search.ts';
import { isTimeZone } from './schedule.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

export interface SubscribeInput {
  email: string;
  kind: string;
  cadence?: string;
  /** search: free text or a search query string; author: a name; trending: ignored. */
  query?: string;
  timeZone?: string;
  /** Signed-in account making the request. */
  userId?: string | null;
  /**
   * The requester has shown they own the address (a manage link, or an account whose address is
   * verified): the subscription is active at once, no confirmation mail.
   */
  verified?: boolean;
}

const MAX_AUTHOR_LENGTH = 120;

/** Validates input into the fields of a subscription. Throws `invalid_input` / `invalid_query`. */
export async function parseSubscribeInput(
  deps: Pick<SubscriptionDeps, 'alerts' | 'defaultTimeZone'>,
  input: SubscribeInput,
): Promise<Pick<Subscription, 'address' | 'kind' | 'cadence' | 'query' | 'timeZone'>> {
  const address = normalizeAddress(input.email);
  const kind = input.kind as SubscriptionKind;
  if (!SUBSCRIPTION_KINDS.includes(kind)) {
    throw createError(
      'invalid_input',
      `kind must be one of ${SUBSCRIPTION_KINDS.join(', ')}, got "${input.kind}"`,
    );
  }
  const cadence = (input.cadence || 'daily') as Cadence;
  if (!CADENCES.includes(cadence)) {
    throw createError('invalid_input', `cadence must be daily or weekly, got "${input.cadence}"`);
  }
  const timeZone = input.timeZone?.trim() || deps.defaultTimeZone;
  if (!isTimeZone(timeZone)) {
    throw createError(
      'invalid_input',
      `"${timeZone}" is not a time zone; use an IANA name such as Europe/Berlin`,
    );
  }
  let query = '';
  if (kind === 'for-you' && !input.userId) {
    throw createError(
      'invalid_input',
      'a For you digest is ranked from your library: subscribe signed in, on /for-you',
    );
  }
  if (kind === 'search') {
    query = canonicalSearch(input.query ?? '');
    await deps.alerts.validate(query);
  } else if (kind === 'author') {
    const raw = input.query ?? '';
    query = raw.trim().replace(/ +/g, ' ');
    if (query === '' || query.length > MAX_AUTHOR_LENGTH || hasControlCharacters(raw)) {
      throw createError(
        'invalid_input',
        `an author to follow is a name of 1 to ${MAX_AUTHOR_LENGTH} characters on one line`,
      );
    }
  }
  return { address, kind, cadence, query, timeZone };
}
