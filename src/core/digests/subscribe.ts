/**
 * Subscribing with double opt-in, confirming, unsubscribing, and managing an address's
 * subscriptions through a signed link — no account needed. Nothing is mailed to an address
 * until its owner follows a link we sent there; confirmation mails are rate-limited per address
 * so the form cannot be used to flood someone's inbox; and replies never reveal whether an
 * address is subscribed to anything.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { createError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail/ports.ts';
import { hasControlCharacters, normalizeAddress } from './address.ts';
import type { Links } from './links.ts';
import {
  CADENCES,
  type Cadence,
  type EmailAddress,
  SUBSCRIPTION_KINDS,
  type Subscription,
  type SubscriptionKind,
} from './model.ts';
import type { AlertSource, SubscriptionRepo } from './ports.ts';
import { renderNotice } from './render-notice.ts';
import { canonicalSearch, searchText } from './saved-search.ts';
import { isTimeZone } from './schedule.ts';

export interface SubscriptionDeps {
  subscriptions: SubscriptionRepo;
  alerts: AlertSource;
  mailer: Mailer;
  links: Links;
  clock: Clock;
  log: Logger;
  /** Time zone when the subscriber's is unknown (the feed's). */
  defaultTimeZone: string;
}

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

/** What happened, for the page that answers (which says the same thing in every case). */
export type SubscribeOutcome =
  | 'confirmation_sent'
  | 'already_subscribed'
  | 'rate_limited'
  | 'active';

/** A repeated request for the same pending subscription within this time mails nothing new. */
const MIN_MAIL_INTERVAL_MS = 60_000;
const MAX_MAILS_PER_DAY = 5;
const DAY_MS = 86_400_000;
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

/** Subscribes an address; mails a confirmation link unless the request is already verified. */
export async function subscribe(
  deps: SubscriptionDeps,
  input: SubscribeInput,
): Promise<{ subscription: Subscription; outcome: SubscribeOutcome }> {
  const fields = await parseSubscribeInput(deps, input);
  const now = deps.clock.now();
  const repo = deps.subscriptions;
  const address = await repo.ensureAddress(fields.address, now);
  const existing = await repo.find(fields.address, fields.kind, fields.query);
  const verified = input.verified === true;

  if (existing?.status === 'active') {
    if (verified) {
      await repo.update(existing.id, { cadence: fields.cadence, timeZone: fields.timeZone });
      return { subscription: { ...existing, ...fields }, outcome: 'active' };
    }
    // Someone (maybe not the owner) asked again: tell the owner, change nothing.
    const outcome = await mailNotice(deps, address, alreadyNotice(deps, existing));
    return {
      subscription: existing,
      outcome: outcome === 'sent' ? 'already_subscribed' : 'rate_limited',
    };
  }

  const status = verified ? 'active' : 'pending';
  const stamp = now.toISOString();
  let subscription: Subscription;
  if (existing) {
    const changes = {
      status,
      cadence: fields.cadence,
      timeZone: fields.timeZone,
      confirmedAt: verified ? stamp : null,
      unsubscribedAt: null,
      cursor: verified ? stamp : null,
      userId: input.userId ?? existing.userId,
    } as const;
    await repo.update(existing.id, changes);
    subscription = { ...existing, ...changes };
  } else {
    subscription = {
      id: newId(),
      ...fields,
      status,
      minScore: null,
      userId: input.userId ?? null,
      createdAt: stamp,
      confirmedAt: verified ? stamp : null,
      unsubscribedAt: null,
      cursor: verified ? stamp : null,
    };
    await repo.create(subscription);
  }
  if (verified) return { subscription, outcome: 'active' };
  // The same form sent twice in a row: the first mail is on its way, do not send another.
  const justMailed =
    existing?.status === 'pending' &&
    address.lastConfirmationAt !== null &&
    now.getTime() - Date.parse(address.lastConfirmationAt) < MIN_MAIL_INTERVAL_MS;
  if (justMailed) return { subscription, outcome: 'confirmation_sent' };
  const sent = await mailNotice(deps, address, confirmNotice(deps, subscription));
  deps.log.info('subscription requested', {
    subscription: subscription.id,
    kind: subscription.kind,
    mailed: sent,
  });
  return { subscription, outcome: sent === 'sent' ? 'confirmation_sent' : 'rate_limited' };
}

/** Follows a confirmation link: the subscription becomes active (idempotent). */
export async function confirmSubscription(
  deps: SubscriptionDeps,
  token: string,
): Promise<{ subscription: Subscription; already: boolean }> {
  const id = deps.links.verify(token, 'confirm');
  const s = await deps.subscriptions.get(id);
  if (!s)
    throw createError('not_found', 'this subscription no longer exists; subscribe again at /email');
  if (s.status === 'unsubscribed') {
    throw createError(
      'conflict',
      'this subscription was cancelled after the link was sent; subscribe again at /email',
    );
  }
  if (s.status === 'active') return { subscription: s, already: true };
  const now = deps.clock.now().toISOString();
  await deps.subscriptions.update(s.id, { status: 'active', confirmedAt: now, cursor: now });
  // Following a link we mailed proves the address works again: clear any bounce history.
  await deps.subscriptions.updateAddress(s.address, {
    verifiedAt: now,
    disabledAt: null,
    bounceCount: 0,
  });
  deps.log.info('subscription confirmed', { subscription: s.id });
  return {
    subscription: { ...s, status: 'active', confirmedAt: now, cursor: now },
    already: false,
  };
}

/** Cancels one subscription through its unsubscribe link (idempotent). */
export async function unsubscribe(deps: SubscriptionDeps, token: string): Promise<Subscription> {
  const id = deps.links.verify(token, 'unsubscribe');
  const s = await deps.subscriptions.get(id);
  if (!s) throw createError('not_found', 'this subscription no longer exists');
  if (s.status === 'unsubscribed') return s;
  const now = deps.clock.now().toISOString();
  await deps.subscriptions.update(s.id, { status: 'unsubscribed', unsubscribedAt: now });
  deps.log.info('unsubscribed', { subscription: s.id });
  return { ...s, status: 'unsubscribed', unsubscribedAt: now };
}

/** The address a manage link is for, and its subscriptions. */
export async function openManagePage(
  deps: SubscriptionDeps,
  token: string,
): Promise<{ address: EmailAddress; subscriptions: Subscription[] }> {
  const email = deps.links.verify(token, 'manage');
  const address = await deps.subscriptions.ensureAddress(email, deps.clock.now());
  return { address, subscriptions: await deps.subscriptions.listByAddress(email) };
}

export type ManageAction =
  | { type: 'cadence'; subscriptionId: string; cadence: string }
  | { type: 'unsubscribe'; subscriptionId: string }
  | { type: 'resubscribe'; subscriptionId: string }
  | { type: 'unsubscribe_all' }
  | { type: 'time_zone'; timeZone: string }
  | { type: 'add'; kind: string; cadence?: string; query?: string };

/** Applies a change from the manage page; the token proves the visitor owns the address. */
export async function manageSubscriptions(
  deps: SubscriptionDeps,
  token: string,
  action: ManageAction,
): Promise<string> {
  const email = deps.links.verify(token, 'manage');
  const repo = deps.subscriptions;
  const now = deps.clock.now().toISOString();
  const own = async (id: string) => {
    const s = await repo.get(id);
    if (!s || s.address !== email)
      throw createError('not_found', `no subscription ${id} for ${email}`);
    return s;
  };
  switch (action.type) {
    case 'cadence': {
      const s = await own(action.subscriptionId);
      if (!CADENCES.includes(action.cadence as Cadence)) {
        throw createError(
          'invalid_input',
          `cadence must be daily or weekly, got "${action.cadence}"`,
        );
      }
      await repo.update(s.id, { cadence: action.cadence as Cadence });
      return `${describe(s)} now comes ${action.cadence === 'daily' ? 'every weekday' : 'every Monday'}.`;
    }
    case 'unsubscribe': {
      const s = await own(action.subscriptionId);
      await repo.update(s.id, { status: 'unsubscribed', unsubscribedAt: now });
      return `Unsubscribed from ${describe(s)}.`;
    }
    case 'resubscribe': {
      const s = await own(action.subscriptionId);
      await repo.update(s.id, {
        status: 'active',
        confirmedAt: now,
        unsubscribedAt: null,
        cursor: now,
      });
      await repo.updateAddress(email, { verifiedAt: now, disabledAt: null, bounceCount: 0 });
      return `Subscribed again to ${describe(s)}.`;
    }
    case 'unsubscribe_all': {
      const all = await repo.listByAddress(email);
      for (const s of all.filter((x) => x.status !== 'unsubscribed')) {
        await repo.update(s.id, { status: 'unsubscribed', unsubscribedAt: now });
      }
      return 'Unsubscribed from everything. No more mail will come from paperboy.';
    }
    case 'time_zone': {
      if (!isTimeZone(action.timeZone)) {
        throw createError(
          'invalid_input',
          `"${action.timeZone}" is not a time zone; use an IANA name such as Europe/Berlin`,
        );
      }
      for (const s of await repo.listByAddress(email))
        await repo.update(s.id, { timeZone: action.timeZone });
      return `Digests now follow the ${action.timeZone} clock.`;
    }
    case 'add': {
      const { subscription } = await subscribe(deps, { ...action, email, verified: true });
      await repo.updateAddress(email, { verifiedAt: now, disabledAt: null, bounceCount: 0 });
      return `Subscribed to ${describe(subscription)}.`;
    }
  }
}

/**
 * Mails a fresh manage link to an address that has subscriptions (and to nobody else, so the
 * form cannot be used to mail strangers). The caller answers the same way either way.
 */
export async function requestManageLink(deps: SubscriptionDeps, email: string): Promise<boolean> {
  const address = normalizeAddress(email);
  const subs = await deps.subscriptions.listByAddress(address);
  const row = await deps.subscriptions.getAddress(address);
  if (!row || subs.length === 0) return false;
  const sent = await mailNotice(deps, row, {
    subject: 'Manage your paperboy subscriptions',
    lines: [
      `Here is a link to see and change the paperboy mail ${address} receives.`,
      'It works for 90 days; no password needed.',
    ],
    action: { label: 'Manage subscriptions', url: deps.links.manage(address) },
    footer:
      'You asked for this link on paperboy. If you did not, ignore this mail; nothing changes.',
  });
  return sent === 'sent';
}

/** "the daily trending digest", "a weekly alert for “graph neural networks”", … */
export function describe(s: Pick<Subscription, 'kind' | 'cadence' | 'query'>): string {
  if (s.kind === 'trending') return `the ${s.cadence} trending digest`;
  if (s.kind === 'search') return `the ${s.cadence} alert for “${searchText(s.query)}”`;
  return `the ${s.cadence} alert for papers by ${s.query}`;
}

/**
 * Like describe, without the query: mails answering an unconfirmed request never quote text the
 * requester chose, so the form cannot make this instance carry someone's message (the confirm
 * page, behind the link, shows the whole subscription).
 */
function describeWithoutText(s: Pick<Subscription, 'kind' | 'cadence'>): string {
  if (s.kind === 'trending') return `the ${s.cadence} trending digest`;
  return `a ${s.cadence} ${s.kind === 'search' ? 'search' : 'author'} alert`;
}

function confirmNotice(deps: SubscriptionDeps, s: Subscription) {
  return {
    subject: 'Confirm your paperboy subscription',
    lines: [
      `Someone — hopefully you — asked to send ${describeWithoutText(s)} to ${s.address}.`,
      'Nothing will be sent until you confirm; the link shows what exactly. It works for 7 days.',
    ],
    action: { label: 'Confirm subscription', url: deps.links.confirm(s.id) },
    footer:
      'If you did not ask for this, ignore this mail: without confirmation you will not hear from us again.',
  };
}

function alreadyNotice(deps: SubscriptionDeps, s: Subscription) {
  return {
    subject: 'You are already subscribed',
    lines: [`${s.address} already receives ${describeWithoutText(s)}. Nothing was changed.`],
    action: { label: 'Manage subscriptions', url: deps.links.manage(s.address) },
    footer:
      'Someone asked to subscribe this address again on paperboy. If it was not you, ignore this mail.',
  };
}

/**
 * Sends a notice unless this address got five in a row less than a day apart. Returns
 * 'limited' without sending otherwise; a mail failure propagates (the page says to try later).
 */
async function mailNotice(
  deps: SubscriptionDeps,
  address: EmailAddress,
  notice: Parameters<typeof renderNotice>[0],
): Promise<'sent' | 'limited'> {
  const now = deps.clock.now();
  const last = address.lastConfirmationAt ? Date.parse(address.lastConfirmationAt) : 0;
  const sameDay = now.getTime() - last < DAY_MS;
  const count = sameDay ? address.confirmationsSent : 0;
  if (count >= MAX_MAILS_PER_DAY) {
    deps.log.warn('confirmation mail rate-limited', { address_count: count });
    return 'limited';
  }
  const mail = renderNotice(notice);
  await deps.mailer.send({
    to: address.address,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  });
  await deps.subscriptions.updateAddress(address.address, {
    confirmationsSent: count + 1,
    lastConfirmationAt: now.toISOString(),
  });
  return 'sent';
}

/** An unguessable id: 96 random bits, URL-safe. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
