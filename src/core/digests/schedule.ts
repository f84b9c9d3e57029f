/**
 * When digests are due. The subscriber's time zone decides: a daily digest is due at the send
 * hour of each weekday (Monday–Friday) in that zone, a weekly one at the send hour of Monday. A
 * period missed entirely (the sender was down all day) is not sent late, except that a weekly
 * digest stays due for the rest of its week; alerts lose nothing either way, because their next
 * digest covers every paper added since the last one.
 */
import { addDays, isoWeekOf } from '../feed-periods/period.ts';
import type { DayRange } from '../papers/ports.ts';
import type { Cadence } from './model.ts';

/** A period that is due: its key, the local day it anchors on, and when it became due. */
export interface DuePeriod {
  /** 2026-08-25 (daily) or 2026-W35 (weekly). */
  key: string;
  /** The local day the digest is for (for weekly: that week's Monday). */
  day: string;
  dueAt: Date;
}

interface LocalTime {
  day: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
}

/**
 * The period due at `now` for a subscription with this cadence and time zone, or null when
 * nothing is due (weekend, before the send hour, or it became due before `notBefore`, e.g. the
 * subscription was confirmed after this morning's send).
 */
export function duePeriod(
  cadence: Cadence,
  timeZone: string,
  now: Date,
  sendHour: number,
  notBefore: Date | null,
): DuePeriod | null {
  const local = localTime(now, timeZone);
  let day: string;
  if (cadence === 'daily') {
    if (local.weekday > 5 || local.hour < sendHour) return null;
    day = local.day;
  } else {
    day = addDays(local.day, 1 - local.weekday);
    if (local.weekday === 1 && local.hour < sendHour) return null;
  }
  const dueAt = zonedInstant(day, sendHour, timeZone);
  if (notBefore && dueAt.getTime() <= notBefore.getTime()) return null;
  return { key: cadence === 'daily' ? day : isoWeekOf(day), day, dueAt };
}

/**
 * The period a preview shows: the one due now, else the next one to become due (searched hour
 * by hour over the coming eight days).
 */
export function previewPeriod(
  cadence: Cadence,
  timeZone: string,
  now: Date,
  sendHour: number,
): DuePeriod {
  for (let h = 0; h <= 8 * 24; h++) {
    const due = duePeriod(
      cadence,
      timeZone,
      new Date(now.getTime() + h * 3_600_000),
      sendHour,
      null,
    );
    if (due) return due;
  }
  const day = localTime(now, timeZone).day;
  return { key: day, day, dueAt: now };
}

/**
 * The feed days a trending digest covers: daily, the three days before its day (so Monday's
 * covers Friday and the weekend); weekly, the seven days before its Monday. Papers already sent
 * to the address are left out anyway, so overlapping ranges never repeat a paper.
 */
export function trendingDays(cadence: Cadence, day: string): DayRange {
  const span = cadence === 'daily' ? 3 : 7;
  return { from: addDays(day, -span), to: addDays(day, -1) };
}

/** Calendar day, weekday and hour of `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: weekdays.indexOf(get('weekday')) + 1,
    hour: Number(get('hour')),
  };
}

/**
 * The instant when the wall clock in `timeZone` shows `hour`:00 on `day`. On a DST gap the hour
 * that does not exist resolves to the first instant after it.
 */
export function zonedInstant(day: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: Date, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone (building one costs far more than using it). */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const knownZones = new Set<string>();

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  if (knownZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    knownZones.add(timeZone);
    return true;
  } catch {
    return false;
  }
}
