/**
 * The one-click unsubscribe link of a digest: cancels that one subscription.
 */
import { createError } from '../errors.ts';
import type { Subscription } from './model.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

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
