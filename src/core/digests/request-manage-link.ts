/**
 * Mailing a fresh manage link on request — only to addresses that have subscriptions, so the form
 * cannot be used to mail strangers.
 */
import { normalizeAddress } from './address.ts';
import { mailNotice } from './mail-notice.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

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
