/**
 * What a subscription's next digest would hold if it were sent now — for `paperboy digest
 * preview` and the admin preview page. Reads only; records and sends nothing.
 */
import { createError } from '../errors.ts';
import type { Subscription } from './model.ts';
import { chooseDigests, type PlannedDigest } from './plan-digests.ts';
import { previewPeriod } from './schedule.ts';
import { digestMessage, type SendDeps } from './send-digests.ts';

export interface DigestPreview {
  subscription: Subscription;
  planned: PlannedDigest;
  /** The mail as it would go out; null when nothing is new (no mail would be sent). */
  message: ReturnType<typeof digestMessage> | null;
}

export async function previewDigest(
  deps: SendDeps,
  subscriptionId: string,
): Promise<DigestPreview> {
  const subscription = await deps.subscriptions.get(subscriptionId);
  if (!subscription) {
    throw createError(
      'not_found',
      `subscription "${subscriptionId}" (list them on /admin/digests)`,
    );
  }
  const now = deps.clock.now();
  const period = previewPeriod(
    subscription.cadence,
    subscription.timeZone,
    now,
    deps.settings.sendHour,
  );
  const until = await deps.alerts.settledUntil(now);
  const [planned] = await chooseDigests(deps, [{ subscription, period }], now, until);
  if (!planned) throw createError('not_found', `nothing to preview for ${subscriptionId}`);
  const papers = await deps.papers.getMany(planned.digest.picks.map((p) => p.paperId));
  const message =
    planned.digest.picks.length > 0
      ? digestMessage(deps, planned.digest, subscription, papers)
      : null;
  return { subscription, planned, message };
}
