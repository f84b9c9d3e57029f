/**
 * Hugging Face Daily Papers as a resumable Source: one page per featured day, `from`…`to`. The
 * cursor is the last day committed plus the days whose response could not be read; those are
 * retried first next time (for a week), so a truncated response never loses a day and one bad
 * capture never blocks the days after it. Scheduled runs re-read the last two days too: upvotes and
 * comment counts keep moving after a paper is featured.
 */
import type { Clock } from '../../../core/clock.ts';
import { isAppError } from '../../../core/errors.ts';
import type { Source, SourcePage } from '../../../core/ingest/ports.ts';
import type { Logger } from '../../../core/logger.ts';
import type { PoliteHttp } from '../http/polite-http.ts';
import { HF_SOURCE, parseHfDailyPapers } from './hf-daily-parser.ts';

export interface HfDailyOptions {
  /** e.g. https://huggingface.co/api */
  baseUrl: string;
  http: PoliteHttp;
  clock: Clock;
  log: Logger;
  /** First day (YYYY-MM-DD); default: two days before the last day committed, or 7 days ago. */
  from?: string;
  /** Last day, inclusive; default today (UTC). */
  to?: string;
}

interface HfState {
  lastDay: string | null;
  /** Days whose response was malformed, to retry. */
  retry: string[];
}

const DAY_MS = 86_400_000;
const REFRESH_DAYS = 2;
const FIRST_RUN_DAYS = 7;
const RETRY_FOR_DAYS = 7;

export function hfDailySource(options: HfDailyOptions): Source {
  return {
    name: HF_SOURCE,
    set: '',
    async *harvest(stateText, signal): AsyncGenerator<SourcePage> {
      const stored = parseState(stateText, options.log);
      const today = options.clock.now().toISOString().slice(0, 10);
      const to = options.to ?? today;
      const from =
        options.from ??
        (stored.lastDay
          ? addDays(stored.lastDay, -REFRESH_DAYS)
          : addDays(today, -(FIRST_RUN_DAYS - 1)));
      const oldest = addDays(today, -RETRY_FOR_DAYS);
      const days = [...new Set([...stored.retry.filter((d) => d >= oldest), ...range(from, to)])];
      let state: HfState = { lastDay: stored.lastDay, retry: [] };
      const pending = new Set(stored.retry);
      for (const day of days) {
        pending.delete(day);
        const page = await fetchDay(options, day, signal);
        const retry = [...pending, ...state.retry, ...(page.malformed ? [day] : [])];
        const lastDay = !state.lastDay || day > state.lastDay ? day : state.lastDay;
        state = { lastDay, retry: [...new Set(retry)].sort() };
        yield { records: page.records, state: JSON.stringify(state) };
      }
    },
  };
}

async function fetchDay(options: HfDailyOptions, day: string, signal?: AbortSignal) {
  const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/daily_papers`);
  url.searchParams.set('date', day);
  const res = await options.http.get(url.href, signal);
  // Days without featured papers (weekends) answer an empty array, or 404 on some mirrors.
  if (res.status === 404) return { records: [], malformed: false };
  const fetchedAt = options.clock.now().toISOString();
  try {
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return { records: parseHfDailyPapers(res.body, day, fetchedAt), malformed: false };
  } catch (error) {
    if (!isAppError(error, 'source_malformed') && isAppError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    options.log.error('hugging face day skipped', { day, error: message });
    return { records: [{ line: 0, error: message }], malformed: true };
  }
}

function parseState(text: string | null, log: Logger): HfState {
  if (!text) return { lastDay: null, retry: [] };
  try {
    const v = JSON.parse(text) as Partial<HfState>;
    return {
      lastDay: typeof v.lastDay === 'string' ? v.lastDay : null,
      retry: Array.isArray(v.retry) ? v.retry.filter((d) => typeof d === 'string') : [],
    };
  } catch (error) {
    // Starting over re-reads the first-run window; upserts make that safe.
    log.warn('unreadable cursor; starting over', { source: HF_SOURCE, error });
    return { lastDay: null, retry: [] };
  }
}

/** Days from `from` to `to`, inclusive (YYYY-MM-DD, UTC calendar). */
export function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
