/**
 * Subscribing with double opt-in: nothing is mailed to an address until its owner follows a link we
 * sent there, and the reply never reveals whether an address is subscribed to anything.
 */
import { describeWithoutText } from './describe-subscription.ts';
import { mailNotice } from './mail-notice.ts';
import type { Subscription } from './model.ts';
import { newId } from './new-id.ts';
import { parseSubscribeInput, type SubscribeInput } from './subscribe-input.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

/** What happened, for the page that answers (which says the same thing in every case). */
export type SubscribeOutcome =
  | 'confirmation_sent'
  | 'already_subscribed'
  | 'rate_limited'
  | 'active';

/** A repeated request for the same pending subscription within this time mails nothing new. */
const MIN_MAIL_INTERVAL_MS = 60_000;

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
      includeTerms: '',
      excludeTerms: '',
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
