/**
 * The Porter stemmer exactly as SQLite FTS5's `porter` tokenizer applies it (fts5_tokenize.c),
 * so both engines index the same stems: it works on the token's UTF-8 bytes (non-ASCII bytes are
 * consonants, tokens with digits are stemmed too), leaves tokens under 3 or over 64 bytes alone,
 * and has FTS5's rule set (e.g. `logi` → `log`, `bli` → `ble`). Proven against FTS5 itself in
 * fts5-tokenizer.test.ts.
 */

const MAX_TOKEN = 64;

/** The stem FTS5 indexes for one folded token (output of the unicode61 tokenizer). */
export function fts5PorterStem(token: string): string {
  // A string whose chars are all below 0x80 is its own UTF-8 byte string.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  const ascii = /^[\x00-\x7f]*$/.test(token);
  const bytes = ascii ? token : Buffer.from(token, 'utf8').toString('latin1');
  if (bytes.length > MAX_TOKEN || bytes.length < 3) return token;
  const out = stemBytes(bytes);
  return ascii ? out : Buffer.from(out, 'latin1').toString('utf8');
}

function isVowel(c: string | undefined, yIsVowel: boolean): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || (yIsVowel && c === 'y');
}

/** Past the first vowel-consonant sequence of `s[from, to)`: its end, or 0 when there is none. */
function gobbleVC(s: string, from: number, to: number, prevCons: boolean): number {
  let cons = prevCons;
  let i = from;
  for (; i < to; i++) {
    cons = !isVowel(s[i], cons);
    if (!cons) break;
  }
  for (i++; i < to; i++) {
    cons = !isVowel(s[i], cons);
    if (cons) return i + 1;
  }
  return 0;
}

/** m > 0 for the stem s[0, n). */
function mGt0(s: string, n: number): boolean {
  return gobbleVC(s, 0, n, false) !== 0;
}

/** m > 1. */
function mGt1(s: string, n: number): boolean {
  const at = gobbleVC(s, 0, n, false);
  return at !== 0 && gobbleVC(s, at, n, true) !== 0;
}

/** m = 1. */
function mEq1(s: string, n: number): boolean {
  const at = gobbleVC(s, 0, n, false);
  return at !== 0 && gobbleVC(s, at, n, true) === 0;
}

/** *o: ends consonant-vowel-consonant, the last not w, x or y. */
function oStar(s: string, n: number): boolean {
  const last = s[n - 1];
  if (last === 'w' || last === 'x' || last === 'y') return false;
  let mask = 0;
  let cons = false;
  for (let i = 0; i < n; i++) {
    cons = !isVowel(s[i], cons);
    mask = ((mask << 1) + (cons ? 1 : 0)) & 0xff;
  }
  return (mask & 7) === 5;
}

/** *v*: the stem holds a vowel. */
function hasVowel(s: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (isVowel(s[i], i > 0)) return true;
  return false;
}

type Cond = (s: string, n: number) => boolean;
/** [suffix, replacement, condition on the stem before the suffix]; the first suffix that fits decides. */
type Rule = [string, string, Cond];

const sOrT: Cond = (s, n) => (s[n - 1] === 's' || s[n - 1] === 't') && mGt1(s, n);

/** Rules grouped by the suffix's second-to-last letter, as FTS5 dispatches them. */
function byPenultimate(rules: Rule[]): Map<string, Rule[]> {
  const out = new Map<string, Rule[]>();
  for (const r of rules) {
    const key = r[0][r[0].length - 2] as string;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

const STEP2 = byPenultimate([
  ['ational', 'ate', mGt0],
  ['tional', 'tion', mGt0],
  ['enci', 'ence', mGt0],
  ['anci', 'ance', mGt0],
  ['izer', 'ize', mGt0],
  ['logi', 'log', mGt0],
  ['bli', 'ble', mGt0],
  ['alli', 'al', mGt0],
  ['entli', 'ent', mGt0],
  ['eli', 'e', mGt0],
  ['ousli', 'ous', mGt0],
  ['ization', 'ize', mGt0],
  ['ation', 'ate', mGt0],
  ['ator', 'ate', mGt0],
  ['alism', 'al', mGt0],
  ['iveness', 'ive', mGt0],
  ['fulness', 'ful', mGt0],
  ['ousness', 'ous', mGt0],
  ['aliti', 'al', mGt0],
  ['iviti', 'ive', mGt0],
  ['biliti', 'ble', mGt0],
]);

const STEP3 = byPenultimate([
  ['ical', 'ic', mGt0],
  ['ness', '', mGt0],
  ['icate', 'ic', mGt0],
  ['iciti', 'ic', mGt0],
  ['ful', '', mGt0],
  ['ative', '', mGt0],
  ['alize', 'al', mGt0],
]);

const STEP4 = byPenultimate(
  (
    [
      ['al', ''],
      ['ance', ''],
      ['ence', ''],
      ['er', ''],
      ['ic', ''],
      ['able', ''],
      ['ible', ''],
      ['ant', ''],
      ['ement', ''],
      ['ment', ''],
      ['ent', ''],
      ['ism', ''],
      ['ate', ''],
      ['iti', ''],
      ['ous', ''],
      ['ive', ''],
      ['ize', ''],
    ] as [string, string][]
  )
    .map(([a, b]): Rule => [a, b, mGt1])
    .concat([
      ['ion', '', sOrT],
      ['ou', '', mGt1],
    ]),
);

/**
 * Applies the first rule of `table` whose suffix `s` ends with (a longer word than the suffix);
 * the rule's condition decides whether it rewrites (FTS5 tries no further suffix either way).
 */
function applyStep(s: string, table: Map<string, Rule[]>): string {
  const rules = table.get(s[s.length - 2] as string);
  if (!rules) return s;
  for (const [suffix, out, cond] of rules) {
    if (s.length > suffix.length && s.endsWith(suffix)) {
      const n = s.length - suffix.length;
      return cond(s, n) ? s.slice(0, n) + out : s;
    }
  }
  return s;
}

function stemBytes(word: string): string {
  let s = word;
  // Step 1a.
  if (s.endsWith('s')) {
    const n = s.length;
    if (s[n - 2] === 'e') {
      if ((n > 4 && s[n - 4] === 's' && s[n - 3] === 's') || (n > 3 && s[n - 3] === 'i')) {
        s = s.slice(0, n - 2);
      } else s = s.slice(0, n - 1);
    } else if (s[n - 2] !== 's') s = s.slice(0, n - 1);
  }
  // Step 1b.
  let removed = false;
  const n = s.length;
  if (s[n - 2] === 'e') {
    if (n > 3 && s.endsWith('eed')) {
      if (mGt0(s, n - 3)) s = s.slice(0, n - 1);
    } else if (n > 2 && s.endsWith('ed') && hasVowel(s, n - 2)) {
      s = s.slice(0, n - 2);
      removed = true;
    }
  } else if (s[n - 2] === 'n' && n > 3 && s.endsWith('ing') && hasVowel(s, n - 3)) {
    s = s.slice(0, n - 3);
    removed = true;
  }
  if (removed) {
    const m = s.length;
    const pair = s.slice(m - 2);
    if (m > 2 && (pair === 'at' || pair === 'bl' || pair === 'iz')) s = `${s}e`;
    else {
      const c = s[m - 1];
      if (!isVowel(c, false) && c !== 'l' && c !== 's' && c !== 'z' && c === s[m - 2]) {
        s = s.slice(0, m - 1);
      } else if (mEq1(s, m) && oStar(s, m)) s = `${s}e`;
    }
  }
  // Step 1c.
  if (s.endsWith('y') && hasVowel(s, s.length - 1)) s = `${s.slice(0, -1)}i`;
  s = applyStep(s, STEP2);
  s = applyStep(s, STEP3);
  s = applyStep(s, STEP4);
  // Step 5a.
  if (s.endsWith('e')) {
    const m = s.length - 1;
    if (mGt1(s, m) || (mEq1(s, m) && !oStar(s, m))) s = s.slice(0, m);
  }
  // Step 5b.
  if (s.length > 1 && s.endsWith('ll') && mGt1(s, s.length - 1)) s = s.slice(0, -1);
  return s;
}
