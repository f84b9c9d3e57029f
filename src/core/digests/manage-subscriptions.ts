/**
 * The manage page behind a signed link (no account needed): see an address's subscriptions and
 * change cadence, time zone, an alert's threshold and keywords, cancel, resubscribe or add one.
 */
import { createError } from '../errors.ts';
import { keywordFilter } from '../search/keyword-filter.ts';
import { describe } from './describe-subscription.ts';
import { CADENCES, type Cadence, type EmailAddress, type Subscription } from './model.ts';
import type { AlertSetting } from './preview-alert.ts';
import { isTimeZone } from './schedule.ts';
import { subscribe } from './subscribe.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

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
 * Saves an alert's relevance threshold (0–1, null = the instance default) and include/exclude
 * keywords from the manage page. Keywords that do not parse are an `invalid_query` error.
 */
export async function saveAlertSetting(
  deps: SubscriptionDeps,
  token: string,
  subscriptionId: string,
  setting: AlertSetting,
): Promise<Subscription> {
  const s = await ownSubscription(deps, token, subscriptionId);
  if (s.kind !== 'search' && s.kind !== 'author') {
    throw createError('invalid_input', 'only saved-search and author alerts have a threshold');
  }
  if (setting.minScore !== null && !(setting.minScore >= 0 && setting.minScore <= 1)) {
    throw createError('invalid_input', 'the threshold is between 0 and 1');
  }
  const rules = {
    includeTerms: setting.includeTerms.trim(),
    excludeTerms: setting.excludeTerms.trim(),
  };
  keywordFilter(rules);
  await deps.subscriptions.update(s.id, { minScore: setting.minScore, ...rules });
  return { ...s, minScore: setting.minScore, ...rules };
}

/** The subscription `subscriptionId` of the address a manage token is for. */
export async function ownSubscription(
  deps: SubscriptionDeps,
  token: string,
  subscriptionId: string,
): Promise<Subscription> {
  const email = deps.links.verify(token, 'manage');
  const s = await deps.subscriptions.get(subscriptionId);
  if (!s || s.address !== email) {
    throw createError('not_found', `no subscription ${subscriptionId} for ${email}`);
  }
  return s;
}
