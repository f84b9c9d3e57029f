/**
 * Subscriptions of a signed-in account (or an API token's owner) for its own address. The
 * address was verified when the account was made (sign-in links go to it), so these need no
 * confirmation mail; other addresses go through the double opt-in of subscribe.ts.
 */
import type { User } from '../community/model.ts';
import { createError } from '../errors.ts';
import type { Subscription } from './model.ts';
import { subscribe } from './subscribe.ts';
import type { SubscribeInput } from './subscribe-input.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

function signedIn(user: User | null): User {
  if (!user) throw createError('unauthorized', 'sign in or send an API token to manage your mail');
  return user;
}

/** The account's subscriptions (all states), newest first. */
export async function listAccountSubscriptions(
  deps: SubscriptionDeps,
  user: User | null,
): Promise<Subscription[]> {
  const list = await deps.subscriptions.listByAddress(signedIn(user).email);
  return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Subscribes the account's own address; active at once. */
export async function subscribeAccount(
  deps: SubscriptionDeps,
  user: User | null,
  input: Omit<SubscribeInput, 'email' | 'userId' | 'verified'>,
): Promise<Subscription> {
  const account = signedIn(user);
  const { subscription } = await subscribe(deps, {
    ...input,
    email: account.email,
    userId: account.id,
    verified: true,
  });
  return subscription;
}

/** Cancels one of the account's subscriptions (idempotent). */
export async function cancelAccountSubscription(
  deps: SubscriptionDeps,
  user: User | null,
  id: string,
): Promise<Subscription> {
  const account = signedIn(user);
  const s = await deps.subscriptions.get(id);
  if (!s || s.address !== account.email) {
    throw createError('not_found', `subscription ${id} (not one of ${account.email}'s)`);
  }
  if (s.status === 'unsubscribed') return s;
  const now = deps.clock.now().toISOString();
  await deps.subscriptions.update(s.id, { status: 'unsubscribed', unsubscribedAt: now });
  deps.log.info('unsubscribed', { subscription: s.id, via: 'account' });
  return { ...s, status: 'unsubscribed', unsubscribedAt: now };
}
