/**
 * Sending digests exactly once. A run takes the send lock, records every due digest (see
 * plan-digests.ts), then delivers each pending one: the ledger row flips from pending to sent at
 * the commit point the Mailer offers — after the body reached the server, right before the
 * end-of-data marker — and the server's 250 is noted afterwards. So a sender killed at any moment
 * either left the row pending (the server discarded the unfinished message; the next run sends
 * it) or marked sent (the server has it; it is never sent again). Permanent refusals (5xx) count
 * against the address; a server that cannot be reached stops the run with nothing lost.
 */
import { createError, isAppError } from '../errors.ts';
import type { Mailer } from '../mail/ports.ts';
import type { PaperRepo } from '../papers/ports.ts';
import type { StoreUpkeep } from '../store/ports.ts';
import { buildDigestContent } from './digest-content.ts';
import type { Links } from './links.ts';
import type { Digest, Subscription } from './model.ts';
import { type PlanDeps, type PlanReport, planDigests } from './plan-digests.ts';
import type { BounceCounter, DeliveryOutcomes, SendLock } from './ports.ts';
import { renderDigest } from './render-digest.ts';

export interface SendDeps extends PlanDeps {
  papers: PaperRepo;
  mailer: Mailer;
  links: Links;
  outcomes: DeliveryOutcomes;
  bounces: BounceCounter;
  sendLock: SendLock;
  /** The store's own housekeeping, held while messages are delivered. */
  housekeeping: Pick<StoreUpkeep, 'holdHousekeeping'>;
}

export interface SendOptions {
  /** Show what would be recorded and sent; record and send nothing. */
  dryRun?: boolean;
  /** Only this address. */
  address?: string;
  /** Identifies this process as holder of the send lock: `<host>:<pid>:<random>`. */
  lockOwner: string;
  /** Messages in flight at once (default 2, the SMTP pool size). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Progress of planning and delivery. */
  onProgress?: (phase: 'plan' | 'send', n: number) => void;
}

export interface SendReport {
  plan: PlanReport;
  sent: number;
  /** Permanently refused (5xx) or given up after too many attempts. */
  failed: number;
  /** Temporarily refused; retried later. */
  retrying: number;
  /** Sent, but the server's reply never came (connection lost after the end of data). */
  unconfirmed: number;
  /** Addresses disabled in this run after too many permanent failures. */
  disabled: number;
  /** Why the run stopped early, or null. */
  stopped: { reason: 'smtp_unavailable' | 'locked'; message: string } | null;
  /** Dry runs: what would be sent. */
  preview: { to: string; subject: string; papers: number }[];
}

/** Recipient-level temporary failures before a digest is given up. */
const MAX_ATTEMPTS = 12;
const LOCK_MS = 5 * 60_000;

/** Plans and sends everything due now. */
export async function sendDigests(deps: SendDeps, options: SendOptions): Promise<SendReport> {
  const report: SendReport = {
    plan: { considered: 0, due: 0, recorded: 0, empty: 0, planned: [] },
    sent: 0,
    failed: 0,
    retrying: 0,
    unconfirmed: 0,
    disabled: 0,
    stopped: null,
    preview: [],
  };
  const planOptions = {
    dryRun: options.dryRun ?? false,
    ...(options.address ? { address: options.address } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onBatch: (n: number) => options.onProgress?.('plan', n),
  };
  if (options.dryRun) {
    report.plan = await planDigests(deps, planOptions);
    report.preview = await previewPlanned(deps, report.plan);
    return report;
  }
  const lockUntil = () => new Date(deps.clock.now().getTime() + LOCK_MS);
  if (!(await deps.sendLock.acquire(options.lockOwner, deps.clock.now(), lockUntil()))) {
    report.stopped = { reason: 'locked', message: 'another process is sending digests right now' };
    return report;
  }
  const renew = setInterval(() => {
    deps.sendLock.renew(options.lockOwner, lockUntil()).catch((error: unknown) => {
      deps.log.warn('digest send lock renewal failed', { error });
    });
  }, LOCK_MS / 3);
  renew.unref();
  try {
    report.plan = await planDigests(deps, planOptions);
    await deliverAll(deps, options, report);
  } finally {
    clearInterval(renew);
    await deps.sendLock.release(options.lockOwner);
  }
  return report;
}

async function deliverAll(deps: SendDeps, options: SendOptions, report: SendReport) {
  const resume = await deps.housekeeping.holdHousekeeping();
  try {
    await deliverPending(deps, options, report);
  } finally {
    await resume();
  }
}

async function deliverPending(deps: SendDeps, options: SendOptions, report: SendReport) {
  const now = deps.clock.now();
  let after: string | null = null;
  while (!report.stopped && !options.signal?.aborted) {
    const batch = await deps.ledger.listDeliverable(now, after, 100, options.address);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.digest.id ?? null;
    const ids = [...new Set(batch.flatMap((b) => b.digest.picks.map((p) => p.paperId)))];
    const papers = await deps.papers.getMany(ids);
    let next = 0;
    const worker = async () => {
      while (next < batch.length && !report.stopped && !options.signal?.aborted) {
        const item = batch[next++];
        if (!item) break;
        await deliverOne(deps, item, papers, report);
        options.onProgress?.('send', 1);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  }
}

/** Sends one digest and records the outcome. */
async function deliverOne(
  deps: SendDeps,
  item: { digest: Digest; subscription: Subscription; addressBounces: number },
  papers: Awaited<ReturnType<PaperRepo['getMany']>>,
  report: SendReport,
): Promise<void> {
  const { digest, subscription } = item;
  const log = deps.log.child({ digest: digest.id, subscription: subscription.id });
  try {
    const message = digestMessage(deps, digest, subscription, papers);
    const sent = await deps.mailer.send(message, {
      commit: () => deps.outcomes.markSent(digest.id, deps.clock.now()),
    });
    await deps.outcomes.markConfirmed(digest.id, deps.clock.now(), sent.response ?? 'accepted');
    if (item.addressBounces > 0) await deps.bounces.clearBounces(digest.address);
    report.sent++;
  } catch (error) {
    await recordFailure(deps, digest, error, report, log);
  }
}

async function recordFailure(
  deps: SendDeps,
  digest: Digest,
  error: unknown,
  report: SendReport,
  log: ReturnType<SendDeps['log']['child']>,
) {
  const why = error instanceof Error ? error.message : String(error);
  const details = isAppError(error, 'mail_failed')
    ? (error.details as { permanent?: boolean; responseCode?: number; afterCommit?: boolean })
    : {};
  const code = details.responseCode;
  if (details.afterCommit && code === undefined) {
    // The end of data went out and no reply came back: the server may have the message.
    // Sending again could duplicate it, so it stays sent — and is reported as unconfirmed.
    await deps.outcomes.noteUnconfirmed(digest.id, why);
    report.unconfirmed++;
    log.warn('digest delivery unconfirmed', { error: why });
    return;
  }
  if (details.permanent) {
    await deps.outcomes.markFailed(digest.id, why);
    report.failed++;
    const disabled = await deps.bounces.recordBounce(
      digest.address,
      why,
      deps.clock.now(),
      deps.settings.maxBounces,
    );
    if (disabled) report.disabled++;
    log.warn('digest refused permanently', { error: why, address_disabled: disabled });
    return;
  }
  if (isAppError(error, 'mail_failed') && (code === undefined || code === 421)) {
    // The server is unreachable or closing: nothing was committed; stop and let the next run
    // (the worker backs off) send everything that is left.
    if (details.afterCommit) await deps.outcomes.markRetry(digest.id, why, deps.clock.now());
    report.stopped = {
      reason: 'smtp_unavailable',
      message: `the SMTP server is unavailable (${why}); pending digests wait for the next run`,
    };
    log.warn('smtp unavailable, stopping this run', { error: why });
    return;
  }
  const attempts = digest.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) {
    await deps.outcomes.markFailed(digest.id, `gave up after ${attempts} attempts: ${why}`);
    report.failed++;
    return;
  }
  const wait = Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);
  await deps.outcomes.markRetry(digest.id, why, new Date(deps.clock.now().getTime() + wait));
  report.retrying++;
  log.warn('digest delivery failed, will retry', { error: why, attempts, retry_in_s: wait / 1000 });
}

/** The mail for a digest, with the headers bulk mail needs (RFC 2369, RFC 8058, RFC 3834). */
export function digestMessage(
  deps: Pick<SendDeps, 'links'>,
  digest: Digest,
  subscription: Subscription,
  papers: Awaited<ReturnType<PaperRepo['getMany']>>,
) {
  const content = buildDigestContent({
    subscription,
    period: { key: digest.period, day: periodDay(digest) },
    picks: digest.picks,
    papers,
    links: deps.links,
  });
  if (content.papers.length === 0) {
    throw createError('not_found', `the papers of digest ${digest.id} are no longer in the store`);
  }
  const mail = renderDigest(content);
  const domain = digest.messageId.split('@')[1] ?? 'paperboy';
  return {
    to: digest.address,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: digest.messageId,
    headers: {
      'List-Unsubscribe': `<${deps.links.unsubscribe(subscription.id)}>, <${deps.links.unsubscribeMailto(subscription.id)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `paperboy digests <digests.${domain}>`,
      'Auto-Submitted': 'auto-generated',
      'X-Paperboy-Digest': `${subscription.id}/${digest.period}`,
    },
  };
}

/** The local day a digest is for: its period key for daily ones, the week's Monday for weekly. */
function periodDay(digest: Digest): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(digest.period) ? digest.period : digest.windowTo.slice(0, 10);
}

async function previewPlanned(deps: SendDeps, plan: PlanReport) {
  const ids = [...new Set(plan.planned.flatMap((p) => p.digest.picks.map((x) => x.paperId)))];
  const papers = await deps.papers.getMany(ids);
  return plan.planned
    .filter((p) => p.digest.status === 'pending')
    .map((p) => {
      const message = digestMessage(deps, p.digest, p.subscription, papers);
      return { to: message.to, subject: message.subject, papers: p.digest.picks.length };
    });
}
