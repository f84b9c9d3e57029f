/**
 * "What would yesterday's digest have held at this setting?" for a saved-search (or author)
 * alert, shown where the reader moves its relevance threshold and keywords. It runs the real
 * selection (chooseDigests: the alert source, keywords, threshold, size) over yesterday's window
 * — the day before the latest send hour in the subscriber's time zone — as if nothing had been
 * sent yet. Reads only.
 */
import { createError } from '../errors.ts';
import { addDays } from '../feed-periods/period.ts';
import type { Paper } from '../papers/model.ts';
import { keywordFilter } from '../search/keyword-filter.ts';
import type { Subscription, TimeWindow } from './model.ts';
import { chooseDigests } from './plan-digests.ts';
import { localTime, zonedInstant } from './schedule.ts';
import type { SendDeps } from './send-digests.ts';

/** A setting to try: threshold (0–1; null = the instance default) and keyword expressions. */
export interface AlertSetting {
  minScore: number | null;
  includeTerms: string;
  excludeTerms: string;
}

export interface AlertPreview {
  window: TimeWindow;
  /** The threshold the preview used (the instance default when the setting has none). */
  minScore: number;
  papers: { paper: Paper; score: number }[];
}

/** The day before the latest send hour at or before `now`, in `timeZone`. */
export function yesterdayWindow(now: Date, timeZone: string, sendHour: number): TimeWindow {
  const today = localTime(now, timeZone).day;
  let end = zonedInstant(today, sendHour, timeZone);
  if (end > now) end = zonedInstant(addDays(today, -1), sendHour, timeZone);
  const endDay = localTime(end, timeZone).day;
  return { since: zonedInstant(addDays(endDay, -1), sendHour, timeZone), until: end };
}

export async function previewAlert(
  deps: SendDeps,
  subscription: Subscription,
  setting: AlertSetting,
): Promise<AlertPreview> {
  if (subscription.kind !== 'search' && subscription.kind !== 'author') {
    throw createError('invalid_input', 'only saved-search and author alerts have this setting');
  }
  keywordFilter(setting); // keywords that do not parse: invalid_query, said to the reader
  const now = deps.clock.now();
  const window = yesterdayWindow(now, subscription.timeZone, deps.settings.sendHour);
  const trial: Subscription = { ...subscription, ...setting, cursor: window.since.toISOString() };
  const [planned] = await chooseDigests(
    // As if nothing had been sent: yesterday's digest is what is being shown.
    { ...deps, ledger: { sentPapers: async () => new Map() } },
    [
      {
        subscription: trial,
        period: { key: 'preview', day: localTime(now, 'UTC').day, dueAt: now },
      },
    ],
    now,
    window.until,
  );
  const picks = planned?.digest.picks ?? [];
  const papers = new Map(
    (await deps.papers.getMany(picks.map((p) => p.paperId))).map((p) => [p.id, p]),
  );
  return {
    window,
    minScore: setting.minScore ?? deps.settings.minScore,
    papers: picks.flatMap((p) => {
      const paper = papers.get(p.paperId);
      return paper ? [{ paper, score: p.score }] : [];
    }),
  };
}
