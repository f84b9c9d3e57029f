/**
 * Feed periods: a day (2026-08-21), an ISO week (2026-W33) or a month (2026-08), parsed strictly
 * and turned into inclusive day ranges. Calendar days only; no clocks or time zones here.
 */
import { createError } from '../errors.ts';

export type PeriodKind = 'day' | 'week' | 'month';

/** A feed period with its inclusive first and last day (YYYY-MM-DD). */
export interface Period {
  kind: PeriodKind;
  /** The period as written in URLs: 2026-08-21, 2026-W33, 2026-08. */
  label: string;
  from: string;
  to: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `text` is a real calendar day in YYYY-MM-DD form. */
export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return toDay(date) === text && Number(m[1]) >= 1900;
}

/** Parses a day; throws `invalid_period` when it is not one. */
export function dayPeriod(text: string): Period {
  if (!isDay(text)) throw createError('invalid_period', text);
  return { kind: 'day', label: text, from: text, to: text };
}

/** Parses an ISO 8601 week (Monday to Sunday), e.g. 2026-W33. */
export function weekPeriod(text: string): Period {
  const m = WEEK.exec(text);
  const year = Number(m?.[1]);
  const week = Number(m?.[2]);
  if (!m || year < 1900 || week < 1 || week > isoWeeksInYear(year)) {
    throw createError('invalid_period', text);
  }
  const monday = addDays(isoWeekOneMonday(year), (week - 1) * 7);
  return { kind: 'week', label: text, from: monday, to: addDays(monday, 6) };
}

/** Parses a month, e.g. 2026-08. */
export function monthPeriod(text: string): Period {
  const m = MONTH.exec(text);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || year < 1900 || month < 1 || month > 12) throw createError('invalid_period', text);
  const last = new Date(Date.UTC(year, month, 0));
  return { kind: 'month', label: text, from: `${text}-01`, to: toDay(last) };
}

/** The ISO week label (2026-W33) containing a day. */
export function isoWeekOf(day: string): string {
  const date = parseDay(day);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date.getTime() + (3 - weekday) * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * MS_PER_DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The month label (2026-08) containing a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The period of the same kind just before or after `period`. */
export function shiftPeriod(period: Period, direction: -1 | 1): Period {
  if (period.kind === 'day') return dayPeriod(addDays(period.from, direction));
  if (period.kind === 'week') return weekPeriod(isoWeekOf(addDays(period.from, 7 * direction)));
  const base = parseDay(period.from);
  const shifted = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + direction, 1));
  return monthPeriod(toDay(shifted).slice(0, 7));
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return toDay(new Date(parseDay(day).getTime() + n * MS_PER_DAY));
}

/** The calendar day of `instant` in `timeZone` (IANA name), as YYYY-MM-DD. */
export function dayInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return parts;
}

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isoWeekOneMonday(year: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7;
  return toDay(new Date(jan4.getTime() - weekday * MS_PER_DAY));
}

function isoWeeksInYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).endsWith('W53') ? 53 : 52;
}
