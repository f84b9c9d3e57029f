/**
 * Following a confirmation link: the subscription becomes active, and the address counts as
 * working again (its bounce history is cleared).
 */
import { createError } from '../errors.ts';
import type { Subscription } from './model.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

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
