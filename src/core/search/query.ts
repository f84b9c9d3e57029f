/**
 * The search query language: free text, "quoted phrases", -exclusions, fields (author:, cat:,
 * year:, from:, to:) and arXiv ids or URLs that jump to a paper. Parsing is pure and total: any
 * string either parses or fails with an `invalid_query` error that says how to fix it.
 */
import { createError } from '../errors.ts';
import { parseArxivId } from '../papers/arxiv-id.ts';

/** Longest accepted query, in characters (as Hugging Face's search). */
export const MAX_QUERY_LENGTH = 250;

export type SearchSort = 'relevance' | 'newest' | 'upvotes';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'newest', 'upvotes'];

/** Restrictions on which papers may match. Every list is AND-ed across kinds, OR-ed within. */
export interface SearchFilters {
  /** Author name words; a paper matches when every word of one entry is in its author list. */
  authors: string[];
  /** arXiv categories (`cs.CL`) or prefixes (`cs.*`, `cs`); any category of the paper counts. */
  categories: string[];
  /** First submission on or after this day (YYYY-MM-DD). */
  from: string | null;
  /** First submission on or before this day (YYYY-MM-DD). */
  to: string | null;
}

export interface ParsedQuery {
  /** The query as typed (trimmed). */
  raw: string;
  /** Loose words to match (OR-ish, ranked by BM25). */
  words: string[];
  /** Quoted phrases, each a list of words that must appear in order. */
  phrases: string[][];
  /** Words or phrases that must not appear (each a list of words). */
  excluded: string[][];
  filters: SearchFilters;
  /** Free text for the semantic side: the words and phrases, in the order typed. */
  text: string;
  /** Set when the whole query is an arXiv id or arxiv.org URL: the canonical id to jump to. */
  jumpTo: string | null;
  /** Things that were accepted but not as typed (e.g. an unbalanced quote), for the user. */
  notices: string[];
}

const FIELDS = ['author', 'cat', 'year', 'from', 'to'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_HELP =
  'Use author:, cat: (cs.CL or cs.*), year: (2024 or 2023-2025), from: or to: (YYYY-MM-DD)';
const WORD = /[\p{L}\p{N}]+/gu;
const DAY = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** Splits text into lower-case words (letters and digits); everything else separates them. */
export function wordsOf(text: string): string[] {
  return textWords(text).slice(0, 64);
}

/** Every word of a text of any length (a paper, a pasted page), split as `wordsOf` splits. */
export function textWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** An empty filter set. */
export function noFilters(): SearchFilters {
  return { authors: [], categories: [], from: null, to: null };
}

/** True when the filters restrict anything. */
export function hasFilters(f: SearchFilters): boolean {
  return f.authors.length > 0 || f.categories.length > 0 || f.from !== null || f.to !== null;
}

/**
 * Parses a query. Throws `invalid_query` when it is empty, longer than 250 characters, uses an
 * unknown field or a field value that cannot be read. An unbalanced quote is accepted (the phrase
 * runs to the end) and reported in `notices`.
 */
export function parseQuery(input: string, extra: Partial<SearchFilters> = {}): ParsedQuery {
  const raw = input.trim();
  if (raw.length > MAX_QUERY_LENGTH) {
    throw createError(
      'invalid_query',
      `it is ${raw.length} characters long; the limit is ${MAX_QUERY_LENGTH}. Shorten it, or paste an abstract into "similar to" instead.`,
    );
  }
  const filters = mergeFilters(noFilters(), extra);
  const jump = raw.includes(' ') ? null : parseArxivId(raw);
  const out: ParsedQuery = {
    raw,
    words: [],
    phrases: [],
    excluded: [],
    filters,
    text: '',
    jumpTo: jump?.id ?? null,
    notices: [],
  };
  if (jump) return out;
  const textParts: string[] = [];
  for (const token of tokenize(raw, out.notices)) {
    if (token.kind === 'field') {
      applyField(filters, token.field, token.value);
      continue;
    }
    const words = wordsOf(token.text);
    if (words.length === 0) continue;
    if (token.negated) out.excluded.push(words);
    else if (token.kind === 'phrase') {
      out.phrases.push(words);
      textParts.push(words.join(' '));
    } else {
      out.words.push(...words);
      textParts.push(words.join(' '));
    }
  }
  out.text = textParts.join(' ');
  if (out.words.length === 0 && out.phrases.length === 0 && !hasFilters(filters)) {
    throw createError(
      'invalid_query',
      raw === ''
        ? 'it is empty. Type some words, a "quoted phrase", an arXiv id, or a filter such as cat:cs.CL.'
        : 'it has nothing to search for (only exclusions or punctuation). Add a word or a filter.',
    );
  }
  return out;
}

type Token =
  | { kind: 'word' | 'phrase'; text: string; negated: boolean }
  | { kind: 'field'; field: Field; value: string };

/** Splits a query into words, phrases and field:value pairs. */
function tokenize(raw: string, notices: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const negated = ch === '-' && i + 1 < raw.length && !/\s/.test(raw[i + 1] ?? ' ');
    const start = negated ? i + 1 : i;
    if (raw[start] === '"') {
      const end = raw.indexOf('"', start + 1);
      if (end === -1) notices.push('A quote was not closed, so the phrase runs to the end.');
      const stop = end === -1 ? raw.length : end;
      tokens.push({ kind: 'phrase', text: raw.slice(start + 1, stop), negated });
      i = stop + 1;
      continue;
    }
    let stop = start;
    while (stop < raw.length && !/\s/.test(raw[stop] ?? ' ')) stop++;
    const text = raw.slice(start, stop);
    i = stop;
    const field = /^([A-Za-z]+):(.*)$/.exec(text);
    if (field && !text.includes('://')) {
      const name = (field[1] ?? '').toLowerCase();
      let value = field[2] ?? '';
      if (value.startsWith('"')) {
        const end = raw.indexOf('"', start + name.length + 2);
        const valueStart = start + name.length + 2;
        value = raw.slice(valueStart, end === -1 ? raw.length : end);
        i = end === -1 ? raw.length : end + 1;
      }
      if (value === '') {
        tokens.push({ kind: 'word', text: name, negated });
        continue;
      }
      if (!isField(name)) {
        throw createError('invalid_query', `"${name}:" is not a field. ${FIELD_HELP}.`);
      }
      if (negated) {
        throw createError(
          'invalid_query',
          `fields cannot be excluded ("-${name}:"). ${FIELD_HELP}.`,
        );
      }
      tokens.push({ kind: 'field', field: name, value });
      continue;
    }
    tokens.push({ kind: 'word', text, negated });
  }
  return tokens;
}

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

/** Applies one field to `filters`, validating its value. */
function applyField(filters: SearchFilters, field: Field, value: string): void {
  switch (field) {
    case 'author': {
      const words = wordsOf(value);
      if (words.length === 0) throw createError('invalid_query', `author:${value} names no one.`);
      filters.authors.push(words.join(' '));
      return;
    }
    case 'cat':
      filters.categories.push(parseCategory(value));
      return;
    case 'year': {
      const [a, b] = parseYears(value);
      filters.from = maxDay(filters.from, `${a}-01-01`);
      filters.to = minDay(filters.to, `${b}-12-31`);
      return;
    }
    case 'from':
      filters.from = maxDay(filters.from, parseDay(value, 'from', 'start'));
      return;
    case 'to':
      filters.to = minDay(filters.to, parseDay(value, 'to', 'end'));
      return;
  }
}

/** `cs.CL`, `cs.*`, `cs` → a category or a prefix ending in `.` (for `cs.*` and `cs`). */
export function parseCategory(value: string): string {
  const v = value.trim();
  const m = /^([a-z][a-z-]*)(?:\.([A-Za-z-]+|\*))?$/i.exec(v);
  if (!m) {
    throw createError(
      'invalid_query',
      `cat:${value} is not an arXiv category. Use e.g. cat:cs.CL, cat:cs.* or cat:hep-th.`,
    );
  }
  const archive = (m[1] ?? '').toLowerCase();
  const sub = m[2];
  if (sub === undefined || sub === '*') return `${archive}.*`;
  return `${archive}.${sub.length <= 2 ? sub.toUpperCase() : sub}`;
}

function parseYears(value: string): [number, number] {
  const m = /^(\d{4})(?:(?:-|\.\.)(\d{4}))?$/.exec(value.trim());
  const a = Number(m?.[1]);
  const b = m?.[2] ? Number(m[2]) : a;
  if (!m || a < 1900 || b > 2999 || b < a) {
    throw createError(
      'invalid_query',
      `year:${value} is not a year. Use year:2024 or year:2023-2025.`,
    );
  }
  return [a, b];
}

/** YYYY, YYYY-MM or YYYY-MM-DD → a full day at the start or end of that span. */
export function parseDay(value: string, field: string, edge: 'start' | 'end'): string {
  const v = value.trim();
  const bad = () =>
    createError(
      'invalid_query',
      `${field}:${value} is not a date. Use YYYY-MM-DD, YYYY-MM or YYYY.`,
    );
  if (!DAY.test(v)) throw bad();
  const [y, m, d] = v.split('-').map(Number) as [number, number?, number?];
  const month = m ?? (edge === 'start' ? 1 : 12);
  const lastDay = new Date(Date.UTC(y, month, 0)).getUTCDate();
  const day = d ?? (edge === 'start' ? 1 : lastDay);
  if (month < 1 || month > 12 || day < 1 || day > lastDay) throw bad();
  return `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function maxDay(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}
function minDay(a: string | null, b: string): string {
  return a === null || b < a ? b : a;
}

/** Most categories and authors one search may filter on (each becomes a term of the SQL). */
export const MAX_FILTER_VALUES = 20;

/** Adds filters given outside the query text (URL parameters) to `base`. */
export function mergeFilters(base: SearchFilters, extra: Partial<SearchFilters>): SearchFilters {
  const merged = {
    authors: [...base.authors, ...(extra.authors ?? [])],
    categories: [...base.categories, ...(extra.categories ?? [])],
    from: extra.from ? maxDay(base.from, extra.from) : base.from,
    to: extra.to ? minDay(base.to, extra.to) : base.to,
  };
  for (const [name, values] of [
    ['categories', merged.categories],
    ['authors', merged.authors],
  ] as const) {
    if (values.length > MAX_FILTER_VALUES) {
      throw createError(
        'invalid_query',
        `it filters on ${values.length} ${name}; the limit is ${MAX_FILTER_VALUES}. Use a prefix such as cat:cs.* for a whole archive.`,
      );
    }
  }
  return merged;
}

/**
 * A query made of plain text only (a pasted abstract, an evaluation query): every word is a loose
 * word, no syntax is interpreted and there is no length limit.
 */
export function plainQuery(text: string): ParsedQuery {
  const words = wordsOf(text);
  return {
    raw: text,
    words,
    phrases: [],
    excluded: [],
    filters: noFilters(),
    text: text.trim(),
    jumpTo: null,
    notices: [],
  };
}
