/**
 * SQLite FTS5's `porter unicode61 remove_diacritics 2` tokenizer in plain code, so PostgreSQL
 * (and highlighting, and the impact index) index exactly the terms FTS5 indexes: letters, digits
 * and private-use characters form tokens, case is folded one code point to one, Latin letters
 * lose their diacritics, combining diacritics inside a word vanish, then FTS5's Porter stemmer.
 * Proven against FTS5 itself over real papers in fts5-tokenizer.test.ts.
 */
import { fts5PorterStem } from './fts5-porter.ts';
import { FOLDS, TOKEN_FLIPS } from './fts5-unicode-data.ts';

const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}\p{Cn}]/u;
const MARK = /^\p{M}+$/u;

/** Combining diacritics FTS5 keeps inside a token (and drops): U+0300–U+0331, per its mask. */
function isDiacritic(c: number): boolean {
  if (c < 768 || c > 817) return false;
  return c < 800 ? ((0x08029fdf >>> (c - 768)) & 1) === 1 : ((0x000361f8 >>> (c - 800)) & 1) === 1;
}

/**
 * Whether FTS5's unicode61 (default categories L* N* Co, and whatever its tables leave
 * unassigned) takes a non-ASCII code point into tokens, by this runtime's Unicode data — before
 * the exceptions measured against FTS5 (fts5-unicode-data.ts).
 */
export function baseIsTokenChar(c: number): boolean {
  return TOKEN_CHAR.test(String.fromCodePoint(c));
}

/** A non-ASCII token character folded by this runtime's Unicode data: lower case, no diacritics. */
export function baseFold(c: number): string {
  const ch = String.fromCodePoint(c);
  let out = ch;
  if (c < 0x10000 || (c >= 0x10400 && c <= 0x10427)) {
    const lower = ch.toLowerCase();
    if ([...lower].length === 1) out = lower;
  }
  if (isDiacritic(c)) return '';
  if (c < 0x10000) {
    const parts = [...out.normalize('NFD')];
    const base = parts[0] as string;
    if (parts.length > 1 && base.charCodeAt(0) < 0x80 && MARK.test(parts.slice(1).join(''))) {
      return base.toLowerCase();
    }
  }
  return out;
}

const tokenFlips = new Set<number>();
for (let i = 0; i < TOKEN_FLIPS.length; i += 2) {
  const from = TOKEN_FLIPS[i] as number;
  for (let c = from; c <= from + (TOKEN_FLIPS[i + 1] as number); c++) tokenFlips.add(c);
}
const folded = new Map<number, string>(FOLDS.map(([c, out]) => [c, out]));
const tokenChar = new Map<number, boolean>();

function fold(c: number): string {
  let out = folded.get(c);
  if (out === undefined) {
    out = baseFold(c);
    folded.set(c, out);
  }
  return out;
}

function isTokenChar(c: number): boolean {
  if (c < 0x80) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  }
  let yes = tokenChar.get(c);
  if (yes === undefined) {
    yes = baseIsTokenChar(c) !== tokenFlips.has(c);
    if (tokenChar.size < 100_000) tokenChar.set(c, yes);
  }
  return yes;
}

/**
 * Calls `visit` with each token of `text` as FTS5's unicode61 folds it (before stemming), with
 * its start and end offsets in `text` (UTF-16 units).
 */
export function forEachToken(
  text: string,
  visit: (token: string, start: number, end: number) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Skip separators.
    let c = text.codePointAt(i) as number;
    while (!isTokenChar(c)) {
      i += c > 0xffff ? 2 : 1;
      if (i >= n) return;
      c = text.codePointAt(i) as number;
    }
    const start = i;
    let token = '';
    let end = i;
    while (i < n) {
      c = text.codePointAt(i) as number;
      if (c < 0x80) {
        if (!isTokenChar(c)) break;
        token += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
        i++;
      } else {
        if (!isTokenChar(c) && !isDiacritic(c)) break;
        token += fold(c);
        i += c > 0xffff ? 2 : 1;
      }
      end = i;
    }
    visit(token, start, end);
  }
}

const STEM_CACHE_MAX = 200_000;
const stems = new Map<string, string>();

/** FTS5's Porter stem of one folded token (cached). */
export function stemToken(token: string): string {
  let s = stems.get(token);
  if (s === undefined) {
    s = fts5PorterStem(token);
    if (stems.size >= STEM_CACHE_MAX) stems.clear();
    stems.set(token, s);
  }
  return s;
}

/** The terms FTS5 indexes for `text`, in order (folded and stemmed). */
export function fts5Terms(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (token) => {
    out.push(stemToken(token));
  });
  return out;
}
