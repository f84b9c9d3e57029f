/**
 * Planning: for every active subscription whose period is due, choose its papers and record the
 * digest in the ledger under its unique (subscription, period) key — before anything is sent.
 * Recording also marks the papers as sent to the address and moves alert cursors, in the same
 * transaction, so a crash leaves either all of it or none of it.
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { PaperRepo } from '../papers/ports.ts';
import { keywordRules } from './alert-keywords.ts';
import type { Candidate, Digest, DigestSettings, Subscription } from './model.ts';
import { newId } from './new-id.ts';
import type {
  AlertSource,
  DigestLedger,
  ForYouSource,
  NewDigest,
  SubscriptionRepo,
  TrendingSource,
} from './ports.ts';
import { type DuePeriod, duePeriod, trendingDays } from './schedule.ts';
import { selectPicks } from './select-digest.ts';

export interface PlanDeps {
  subscriptions: SubscriptionRepo;
  ledger: DigestLedger;
  trending: TrendingSource;
  alerts: AlertSource;
  /** For-you digests; without it they are empty. */
  forYou?: ForYouSource | null;
  clock: Clock;
  log: Logger;
  settings: DigestSettings;
  /** Reads candidate papers for alerts with include/exclude keywords (none without it). */
  papers?: Pick<PaperRepo, 'getMany'>;
}

/** A digest chosen for a due subscription (recorded unless this was a dry run). */
export interface PlannedDigest extends NewDigest {
  subscription: Subscription;
  period: DuePeriod;
}

export interface PlanOptions {
  /** Compute and return what would be recorded, write nothing. */
  dryRun?: boolean;
  /** Only this address's subscriptions. */
  address?: string;
  /** Subscriptions per batch (default 500). */
  batchSize?: number;
  signal?: AbortSignal;
  /** Called after each batch with the number of subscriptions looked at. */
  onBatch?: (subscriptions: number) => void;
}

export interface PlanReport {
  /** Active subscriptions looked at. */
  considered: number;
  /** Of those, due now and not yet recorded for their period. */
  due: number;
  /** Digests recorded with papers (to send). */
  recorded: number;
  /** Digests recorded empty (nothing new: no mail). */
  empty: number;
  /** Dry runs: every digest that would have been recorded. */
  planned: PlannedDigest[];
}

/** Records the digests due at the clock's now. */
export async function planDigests(deps: PlanDeps, options: PlanOptions = {}): Promise<PlanReport> {
  const now = deps.clock.now();
  const until = await deps.alerts.settledUntil(now);
  const report: PlanReport = { considered: 0, due: 0, recorded: 0, empty: 0, planned: [] };
  let after: string | null = null;
  for (;;) {
    if (options.signal?.aborted) break;
    const batch = await deps.subscriptions.listDeliverable(
      after,
      options.batchSize ?? 500,
      options.address,
    );
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.id ?? null;
    report.considered += batch.length;
    const due = batch.flatMap((subscription) => {
      const notBefore = new Date(subscription.confirmedAt ?? subscription.createdAt);
      const s = deps.settings;
      const period = duePeriod(
        subscription.cadence,
        subscription.timeZone,
        now,
        s.sendHour,
        notBefore,
      );
      return period ? [{ subscription, period }] : [];
    });
    const existing = await deps.ledger.existingKeys(
      due.map((d) => ({ subscriptionId: d.subscription.id, period: d.period.key })),
    );
    const fresh = due.filter((d) => !existing.has(`${d.subscription.id}|${d.period.key}`));
    report.due += fresh.length;
    const planned = await chooseDigests(deps, fresh, now, until);
    for (const p of planned) {
      if (p.digest.status === 'empty') report.empty++;
      else report.recorded++;
    }
    if (options.dryRun) report.planned.push(...planned);
    else await deps.ledger.record(planned);
    options.onBatch?.(batch.length);
  }
  return report;
}

/**
 * Chooses the papers of each due digest. Candidates are fetched once per batch (one trending
 * list per day range, one search per distinct query over the widest window), then narrowed per
 * subscription: its own cursor, its threshold, and what its address already received —
 * including papers chosen for the address's other subscriptions earlier in this batch.
 */
export async function chooseDigests(
  deps: Pick<PlanDeps, 'trending' | 'alerts' | 'settings' | 'forYou' | 'papers' | 'log'> & {
    ledger: Pick<DigestLedger, 'sentPapers'>;
  },
  due: { subscription: Subscription; period: DuePeriod }[],
  now: Date,
  until: Date,
): Promise<PlannedDigest[]> {
  if (due.length === 0) return [];
  const { settings } = deps;
  const trendingLists = new Map<string, Candidate[]>();
  for (const { subscription: s, period } of due) {
    if (s.kind !== 'trending') continue;
    const days = trendingDays(s.cadence, period.day);
    const key = `${days.from}|${days.to}`;
    if (!trendingLists.has(key)) {
      trendingLists.set(key, await deps.trending.trending(days, settings.trendingSize * 5 + 50));
    }
  }
  const alerts = due.filter((d) => d.subscription.kind !== 'trending');
  const since = new Date(
    Math.min(...alerts.map((d) => cursorOf(d.subscription).getTime()), until.getTime()),
  );
  const window = { since, until };
  const limit = settings.alertSize * 3 + 20;
  const unique = (kind: string) => [
    ...new Set(alerts.filter((d) => d.subscription.kind === kind).map((d) => d.subscription.query)),
  ];
  const searches = await deps.alerts.matchSearches(unique('search'), window, limit);
  const authors = await deps.alerts.matchAuthors(unique('author'), window, limit);
  const readers = [
    ...new Set(
      alerts.flatMap((d) =>
        d.subscription.kind === 'for-you' && d.subscription.userId ? [d.subscription.userId] : [],
      ),
    ),
  ];
  const forYou =
    readers.length > 0 && deps.forYou
      ? await deps.forYou.forReaders(readers, window, limit)
      : new Map<string, Candidate[]>();

  const candidatesOf = ({ subscription: s, period }: (typeof due)[number]): Candidate[] => {
    if (s.kind === 'search') return searches.get(s.query) ?? [];
    if (s.kind === 'author') return authors.get(s.query) ?? [];
    if (s.kind === 'for-you') return forYou.get(s.userId ?? '') ?? [];
    const days = trendingDays(s.cadence, period.day);
    return trendingLists.get(`${days.from}|${days.to}`) ?? [];
  };
  const keep = await keywordRules(deps, due, candidatesOf);
  const allIds = new Set(due.flatMap((d) => candidatesOf(d).map((c) => c.paperId)));
  const sent = await deps.ledger.sentPapers(
    [...new Set(due.map((d) => d.subscription.address))],
    [...allIds],
  );

  return due.map((d) => {
    const s = d.subscription;
    const taken = sent.get(s.address) ?? new Set<string>();
    sent.set(s.address, taken);
    const isAlert = s.kind !== 'trending';
    const cursor = cursorOf(s);
    const picks = selectPicks(candidatesOf(d).filter(keep(s)), taken, {
      limit: isAlert ? settings.alertSize : settings.trendingSize,
      ...(isAlert
        ? {
            // For you's candidates already passed the reader's own threshold.
            minScore: s.kind === 'for-you' ? 0 : (s.minScore ?? settings.minScore),
            addedSince: cursor.toISOString(),
          }
        : {}),
    });
    for (const p of picks) taken.add(p.paperId);
    const days = trendingDays(s.cadence, d.period.day);
    const newCursor = isAlert
      ? new Date(Math.max(cursor.getTime(), until.getTime())).toISOString()
      : null;
    const id = newId();
    const digest: Digest = {
      id,
      subscriptionId: s.id,
      address: s.address,
      period: d.period.key,
      status: picks.length > 0 ? 'pending' : 'empty',
      windowFrom: isAlert ? cursor.toISOString() : days.from,
      windowTo: isAlert ? (newCursor ?? until.toISOString()) : days.to,
      picks,
      messageId: `digest.${id}@${settings.mailDomain}`,
      attempts: 0,
      nextAttemptAt: now.toISOString(),
      lastError: null,
      createdAt: now.toISOString(),
      sentAt: null,
      confirmedAt: null,
      smtpResponse: null,
    };
    return { digest, cursor: newCursor, subscription: s, period: d.period };
  });
}

/** Alerts consider papers added after this instant. */
function cursorOf(s: Subscription): Date {
  return new Date(s.cursor ?? s.confirmedAt ?? s.createdAt);
}
