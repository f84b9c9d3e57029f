/**
 * Small display helpers for pages: dates, author bylines, counts, the digest hour.
 */
import type { Period } from '../../core/feed-periods/period.ts';
import { splitMath } from '../../core/text/math-spans.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "21 Aug 2026" from YYYY-MM-DD or an ISO instant. */
export function formatDay(isoOrDay: string | null): string {
  if (!isoOrDay) return '';
  const [y, m, d] = isoOrDay.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? ''} ${y}`;
}

/** "Friday, 21 Aug 2026", "Week 33, 2026 (10–16 Aug)", "August 2026". */
export function formatPeriod(period: Period): string {
  if (period.kind === 'day') {
    const weekday = new Date(`${period.from}T00:00:00Z`).toLocaleDateString('en-GB', {
      weekday: 'long',
      timeZone: 'UTC',
    });
    return `${weekday}, ${formatDay(period.from)}`;
  }
  if (period.kind === 'week') {
    const [year, week] = period.label.split('-W');
    return `Week ${Number(week)}, ${year} (${formatDay(period.from)} – ${formatDay(period.to)})`;
  }
  return new Date(`${period.from}T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "Ada Lovelace, Alan Turing, Grace Hopper et al." for long author lists. */
export function formatByline(authors: string[], max = 4): string {
  if (authors.length <= max) return authors.join(', ');
  return `${authors.slice(0, max - 1).join(', ')} et al. (${authors.length} authors)`;
}

/**
 * The first `max` characters of `text`, cut at a word boundary, with an ellipsis; never inside a
 * TeX formula (it ends before one that would be cut).
 */
export function excerpt(text: string, max = 280): string {
  if (text.length <= max) return text;
  let cutAt = max;
  let at = 0;
  for (const part of splitMath(text)) {
    const length = part.kind === 'math' ? part.source.length : part.text.length;
    if (part.kind === 'math' && at < max && at + length > max) cutAt = at;
    at += length;
    if (at >= max) break;
  }
  const cut = text.slice(0, cutAt);
  const space = cut.lastIndexOf(' ');
  return `${cutAt < max ? cut.trimEnd() : cut.slice(0, Math.max(space, max - 20))}…`;
}

/** "7:00": the hour digests go out (DIGEST_SEND_HOUR), as the pages say it. */
export function digestHour(hour: number): string {
  return `${hour}:00`;
}

/** URL of a feed period's page. */
export function periodPath(period: Period): string {
  if (period.kind === 'day') return `/papers/date/${period.label}`;
  return `/papers/${period.kind}/${period.label}`;
}

/** URL of a paper's page. */
export function paperPath(id: string): string {
  return `/papers/${id}`;
}

/** URL of an author's page (names are matched as written). */
export function authorPath(name: string): string {
  return `/authors/${encodeURIComponent(name)}`;
}
