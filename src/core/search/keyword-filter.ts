/**
 * Include/exclude keywords for alerts and For you: a boolean expression in the search's own
 * syntax — words, "quoted phrases", author:/cat:/year:/from:/to: fields (read by parseQuery) —
 * joined by AND, OR, NOT (or -word) and parentheses. Adjacent terms are AND-ed, so `graph neural`
 * wants both words; NOT binds tighter than AND, AND tighter than OR. Pure: parsing either gives
 * an expression or throws `invalid_query` saying what to fix; matching is a plain evaluation.
 */
import { createError } from '../errors.ts';
import { parseQuery, textWords, wordsOf } from './query.ts';

/** Longest expression accepted, in characters (the forms' maxlength). */
export const MAX_KEYWORDS_LENGTH = 500;

/** A parsed expression. Leaves hold folded words (a phrase: words in order) or field filters. */
export type KeywordExpr =
  | { op: 'and' | 'or'; args: KeywordExpr[] }
  | { op: 'not'; arg: KeywordExpr }
  | { op: 'phrase'; words: string[] }
  | { op: 'author'; words: string[] }
  | { op: 'cat'; category: string }
  | { op: 'from' | 'to'; day: string };

/** What an expression is matched against (a Paper has all of these). */
export interface KeywordDocument {
  title: string;
  abstract: string;
  authors: readonly string[];
  categories: readonly string[];
  submittedAt: string | null;
}

const HELP =
  'Write words, "quoted phrases" or fields such as cat:cs.CL, joined by AND, OR, NOT and parentheses, e.g. (graph OR molecule) NOT survey';

/** A word's comparable form: a plural "s" dropped (keyword-relevance's terms use it too). */
export function foldWord(w: string): string {
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

type Token =
  | { kind: '(' | ')' | 'AND' | 'OR' | 'NOT' }
  | { kind: 'leaf'; expr: KeywordExpr; text: string };

/**
 * Parses an expression; '' (or only whitespace) gives null, meaning "no condition". `what` names
 * the field in error messages ("include keywords").
 */
export function parseKeywords(input: string, what = 'keywords'): KeywordExpr | null {
  const raw = input.trim();
  if (raw === '') return null;
  const fail = (why: string) => createError('invalid_query', `the ${what} ${why}. ${HELP}.`);
  if (raw.length > MAX_KEYWORDS_LENGTH) {
    throw fail(`are ${raw.length} characters long; the limit is ${MAX_KEYWORDS_LENGTH}`);
  }
  const tokens = tokenize(raw, fail);
  let depth = 0;
  for (const t of tokens) {
    depth += t.kind === '(' ? 1 : t.kind === ')' ? -1 : 0;
    if (depth < 0) throw fail('close a parenthesis that was not opened: remove ")" or add "("');
  }
  if (depth > 0) throw fail('open a parenthesis that is not closed: add ")"');
  if (tokens.length === 0) throw fail(`"${raw}" hold no word to match`);
  let i = 0;
  const peek = () => tokens[i]?.kind;
  const orExpr = (): KeywordExpr => {
    const args = [andExpr()];
    while (peek() === 'OR') {
      i++;
      args.push(andExpr());
    }
    return args.length === 1 ? (args[0] as KeywordExpr) : { op: 'or', args };
  };
  const andExpr = (): KeywordExpr => {
    const args = [unary()];
    for (;;) {
      const next = peek();
      if (next === undefined || next === ')' || next === 'OR') break;
      if (next === 'AND') i++;
      args.push(unary());
    }
    return args.length === 1 ? (args[0] as KeywordExpr) : { op: 'and', args };
  };
  const unary = (): KeywordExpr => {
    const token = tokens[i];
    if (!token) throw fail(`end with an operator ("${raw}"): add a word after it`);
    i++;
    switch (token.kind) {
      case 'NOT':
        return { op: 'not', arg: unary() };
      case '(': {
        if (peek() === ')') throw fail('have empty parentheses "()"');
        const inner = orExpr();
        if (peek() !== ')') throw fail('open a parenthesis that is not closed: add ")"');
        i++;
        return inner;
      }
      case 'leaf':
        return token.expr;
      case ')':
        throw fail('close a parenthesis that was not opened: remove ")" or add "("');
      default:
        throw fail(
          `have ${token.kind} where a word should be (nothing before it, or two in a row)`,
        );
    }
  };
  const expr = orExpr();
  if (i < tokens.length) {
    throw fail('close a parenthesis that was not opened: remove ")" or add "("');
  }
  return expr;
}

/** Splits an expression into operators, parentheses and leaves. */
function tokenize(raw: string, fail: (why: string) => Error): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch });
      i++;
      continue;
    }
    if (ch === '-' && i + 1 < raw.length && !/[\s)]/.test(raw[i + 1] ?? ' ')) {
      tokens.push({ kind: 'NOT' });
      i++;
      continue;
    }
    if (ch === '"') {
      const end = raw.indexOf('"', i + 1);
      if (end === -1) throw fail('open a quote that is not closed: add the closing "');
      const words = wordsOf(raw.slice(i + 1, end)).map(foldWord);
      i = end + 1;
      if (words.length > 0) tokens.push({ kind: 'leaf', expr: { op: 'phrase', words }, text: '' });
      continue;
    }
    let stop = i;
    while (stop < raw.length && !/[\s()]/.test(raw[stop] ?? ' ')) {
      if (raw[stop] === '"') {
        const end = raw.indexOf('"', stop + 1);
        if (end === -1) throw fail('open a quote that is not closed: add the closing "');
        stop = end;
      }
      stop++;
    }
    const text = raw.slice(i, stop);
    i = stop;
    if (text === 'AND' || text === 'OR' || text === 'NOT') {
      tokens.push({ kind: text });
      continue;
    }
    const expr = leafOf(text);
    if (expr) tokens.push({ kind: 'leaf', expr, text });
  }
  return tokens;
}

/** One word, hyphenated words (a phrase) or a field — fields read exactly as the search reads them. */
function leafOf(text: string): KeywordExpr | null {
  if (/^[A-Za-z]+:./.test(text) && !text.includes('://')) {
    const { filters } = parseQuery(text);
    const parts: KeywordExpr[] = [
      ...filters.authors.map((a): KeywordExpr => ({ op: 'author', words: a.split(' ') })),
      ...filters.categories.map((category): KeywordExpr => ({ op: 'cat', category })),
      ...(filters.from ? [{ op: 'from', day: filters.from } as const] : []),
      ...(filters.to ? [{ op: 'to', day: filters.to } as const] : []),
    ];
    if (parts.length > 0)
      return parts.length === 1 ? (parts[0] as KeywordExpr) : { op: 'and', args: parts };
  }
  const words = wordsOf(text).map(foldWord);
  return words.length > 0 ? { op: 'phrase', words } : null;
}

/** A document's words, folded, per field (phrases never run across fields). */
interface Prepared {
  doc: KeywordDocument;
  fields: string[][];
  words: Set<string>;
  authors: Set<string>[];
}

function prepare(doc: KeywordDocument): Prepared {
  const fields = [doc.title, doc.abstract].map((t) => textWords(t).map(foldWord));
  return {
    doc,
    fields,
    words: new Set(fields.flat()),
    authors: doc.authors.map((a) => new Set(textWords(a))),
  };
}

function hasPhrase(fields: string[][], words: string[]): boolean {
  return fields.some((f) => {
    for (let s = 0; s + words.length <= f.length; s++) {
      if (words.every((w, k) => f[s + k] === w)) return true;
    }
    return false;
  });
}

function evaluate(e: KeywordExpr, p: Prepared): boolean {
  switch (e.op) {
    case 'and':
      return e.args.every((a) => evaluate(a, p));
    case 'or':
      return e.args.some((a) => evaluate(a, p));
    case 'not':
      return !evaluate(e.arg, p);
    case 'phrase':
      if (e.words.length === 1) return p.words.has(e.words[0] as string);
      return e.words.every((w) => p.words.has(w)) && hasPhrase(p.fields, e.words);
    case 'author':
      return p.authors.some((a) => e.words.every((w) => a.has(w)));
    case 'cat':
      return e.category.endsWith('.*')
        ? p.doc.categories.some(
            (c) => c.startsWith(e.category.slice(0, -1)) || c === e.category.slice(0, -2),
          )
        : p.doc.categories.includes(e.category);
    case 'from':
      return p.doc.submittedAt !== null && p.doc.submittedAt.slice(0, 10) >= e.day;
    case 'to':
      return p.doc.submittedAt !== null && p.doc.submittedAt.slice(0, 10) <= e.day;
  }
}

/** True when `doc` satisfies `expr` (title and abstract words, authors, categories, dates). */
export function matchesKeywords(expr: KeywordExpr, doc: KeywordDocument): boolean {
  return evaluate(expr, prepare(doc));
}

/** Include/exclude keywords as typed by a reader ('' = no condition). */
export interface KeywordRules {
  includeTerms: string;
  excludeTerms: string;
}

/**
 * A predicate keeping papers that match the include expression (any, when empty) and do not
 * match the exclude expression. Throws `invalid_query` naming the field that does not parse.
 */
export function keywordFilter(rules: KeywordRules): (doc: KeywordDocument) => boolean {
  const include = parseKeywords(rules.includeTerms, 'include keywords');
  const exclude = parseKeywords(rules.excludeTerms, 'exclude keywords');
  if (!include && !exclude) return () => true;
  return (doc) => {
    const p = prepare(doc);
    return (!include || evaluate(include, p)) && !(exclude && evaluate(exclude, p));
  };
}

/** True when the rules hold any condition. */
export function hasKeywordRules(rules: KeywordRules): boolean {
  return rules.includeTerms.trim() !== '' || rules.excludeTerms.trim() !== '';
}
