/**
 * The one data object a digest mail is rendered from (HTML and plain text alike): headings,
 * the papers with title, byline, summary, link and upvotes, and the links every mail carries.
 */
import type { Paper } from '../papers/model.ts';
import type { Links } from './links.ts';
import type { DigestPick, Subscription } from './model.ts';
import { searchFilters, searchText } from './saved-search.ts';

export interface DigestPaperView {
  id: string;
  title: string;
  byline: string;
  /** The AI summary, else the first sentences of the abstract. */
  summary: string;
  url: string;
  pdfUrl: string;
  upvotes: number;
  /** Alerts: relevance in percent; trending digests: null. */
  relevance: number | null;
}

export interface DigestContent {
  subject: string;
  /** Shown by mail clients next to the subject. */
  preheader: string;
  heading: string;
  /** "Tuesday, 25 August 2026" or "Week 35, 2026". */
  periodLabel: string;
  intro: string;
  papers: DigestPaperView[];
  /** Where to see more on the site. */
  moreUrl: string;
  moreLabel: string;
  manageUrl: string;
  unsubscribeUrl: string;
  /** Why this mail arrives: one sentence. */
  reason: string;
}

/** Builds the content of a digest for `subscription` over `picks` (papers in pick order). */
export function buildDigestContent(input: {
  subscription: Subscription;
  period: { key: string; day: string };
  picks: DigestPick[];
  papers: Paper[];
  links: Links;
}): DigestContent {
  const { subscription: s, links } = input;
  const byId = new Map(input.papers.map((p) => [p.id, p]));
  const papers = input.picks.flatMap((pick) => {
    const p = byId.get(pick.paperId);
    return p ? [paperView(p, s.kind === 'trending' ? null : pick.score, links)] : [];
  });
  const n = papers.length;
  const count = `${n} new paper${n === 1 ? '' : 's'}`;
  const periodLabel = labelOf(input.period.key, input.period.day);
  const top = papers[0]?.title ?? '';
  let heading: string;
  let subject: string;
  let intro: string;
  let moreUrl: string;
  let moreLabel: string;
  if (s.kind === 'trending') {
    heading = s.cadence === 'daily' ? 'Trending papers' : 'Trending this week';
    subject = `${heading}, ${periodLabel}: ${top}`;
    intro = `The ${n} most upvoted paper${n === 1 ? '' : 's'} you have not seen yet.`;
    moreUrl = links.home();
    moreLabel = 'See the whole daily feed';
  } else if (s.kind === 'search') {
    const words = searchText(s.query);
    const filters = searchFilters(s.query).map(([k, v]) => `${k}: ${v}`);
    heading = `New papers for “${words}”`;
    subject = `${count} for “${words}”: ${top}`;
    intro = `Papers added since your last alert that match your search${filters.length ? ` (${filters.join(', ')})` : ''}, most relevant first.`;
    moreUrl = links.search(s.query);
    moreLabel = 'Open this search';
  } else if (s.kind === 'for-you') {
    heading = 'For you';
    subject = `${count} for you: ${top}`;
    intro =
      'New papers ranked from your library (imports, upvotes, saved papers), at or above your relevance threshold.';
    moreUrl = `${links.home().replace(/\/$/, '')}/for-you`;
    moreLabel = 'Open For you (and move the threshold)';
  } else {
    heading = `New papers by ${s.query}`;
    subject = `${count} by ${s.query}: ${top}`;
    intro = `Papers added since your last alert that list ${s.query} as an author.`;
    moreUrl = links.home();
    moreLabel = 'Visit paperboy';
  }
  const cadence = s.cadence === 'daily' ? 'daily' : 'weekly';
  const what =
    s.kind === 'trending'
      ? `the ${cadence} trending digest`
      : s.kind === 'for-you'
        ? `your ${cadence} For you digest`
        : `a ${cadence} alert for ${s.kind === 'search' ? `“${searchText(s.query)}”` : `papers by ${s.query}`}`;
  return {
    subject: oneLine(subject, 150),
    preheader: oneLine(papers.map((p) => p.title).join(' · '), 140),
    heading: oneLine(heading, 200),
    periodLabel,
    intro,
    papers,
    moreUrl,
    moreLabel,
    manageUrl: links.manage(s.address),
    unsubscribeUrl: links.unsubscribe(s.id),
    reason: `You get this because ${s.address} subscribed to ${what} on paperboy (${links.home()}).`,
  };
}

/** A paper's view without its relevance, computed once per paper object (digests share papers). */
const views = new WeakMap<Paper, Omit<DigestPaperView, 'relevance'>>();

function paperView(p: Paper, score: number | null, links: Links): DigestPaperView {
  let view = views.get(p);
  if (!view) {
    const version = p.version ? `v${p.version}` : '';
    view = {
      id: p.id,
      title: oneLine(p.title, 300),
      byline: byline(p.authors),
      summary: oneLine(p.community.aiSummary ?? firstSentences(p.abstract, 320), 400),
      url: links.paper(p.id),
      pdfUrl: `https://arxiv.org/pdf/${p.id}${version}`,
      upvotes: p.community.upvotes,
    };
    views.set(p, view);
  }
  const relevance = score === null ? null : Math.round(Math.min(1, Math.max(0, score)) * 100);
  return { ...view, relevance };
}

/** "A, B, C et al." */
function byline(authors: string[]): string {
  if (authors.length <= 4) return authors.join(', ');
  return `${authors.slice(0, 3).join(', ')} et al.`;
}

/** Whole sentences up to about `max` characters (at least the first, cut if it is too long). */
export function firstSentences(text: string, max: number): string {
  const clean = oneLine(text, 10_000);
  if (clean.length <= max) return clean;
  const sentences = clean.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [];
  let out = '';
  for (const s of sentences) {
    if ((out + s).length > max) break;
    out += s;
  }
  out = out.trim();
  if (out) return out;
  const cut = clean.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

/** Whitespace (including line breaks) collapsed, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const flat = text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Tuesday, 25 August 2026" for a day key, "Week 35, 2026" for a week key. */
export function labelOf(key: string, day: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) return `Week ${Number(week[2])}, ${week[1]}`;
  const d = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
