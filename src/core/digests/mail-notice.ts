/**
 * Notices to an address that did not ask for them yet (confirm, already subscribed, manage link),
 * rate-limited per address so our forms cannot be used to flood someone's inbox.
 */
import type { EmailAddress } from './model.ts';
import { renderNotice } from './render-notice.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

const MAX_MAILS_PER_DAY = 5;
const DAY_MS = 86_400_000;

/**
 * Sends a notice unless this address got five in a row less than a day apart. Returns
 * 'limited' without sending otherwise; a mail failure propagates (the page says to try later).
 */
export async function mailNotice(
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
