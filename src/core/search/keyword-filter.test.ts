import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAppError } from '../errors.ts';
import {
  type KeywordDocument,
  type KeywordExpr,
  keywordFilter,
  matchesKeywords,
  parseKeywords,
} from './keyword-filter.ts';

const doc = (over: Partial<KeywordDocument> = {}): KeywordDocument => ({
  title: 'Graph neural networks for molecules',
  abstract: 'We survey message passing on molecular graphs; state-of-the-art results.',
  authors: ['Ada Lovelace', 'Grace Hopper'],
  categories: ['cs.LG', 'q-bio.QM'],
  submittedAt: '2026-08-21T10:00:00Z',
  ...over,
});

const matches = (expr: string, d = doc()) => {
  const parsed = parseKeywords(expr);
  assert.ok(parsed, expr);
  return matchesKeywords(parsed, d);
};

test('words are AND-ed; OR, NOT, -word and parentheses', () => {
  const table: [string, boolean][] = [
    ['graph', true],
    ['graph molecule', true], // plural folded: "molecules"
    ['graph robot', false],
    ['graph AND robot', false],
    ['graph OR robot', true],
    ['robot OR vision', false],
    ['NOT robot', true],
    ['-survey', false],
    ['graph -survey', false],
    ['graph NOT (survey OR review)', false],
    ['(robot OR molecule) AND NOT review', true],
    ['robot OR graph AND molecule', true], // AND binds tighter
    ['(robot OR graph) AND vision', false],
    ['NOT NOT graph', true],
    ['"neural networks"', true],
    ['"networks neural"', false],
    ['"graph molecules"', false], // not adjacent
    ['state-of-the-art', true],
    ['"for molecules we"', false], // phrases do not run across title and abstract
    ['author:lovelace', true],
    ['author:"Grace Hopper" cat:cs.LG', true],
    ['author:turing OR cat:q-bio.*', true],
    ['cat:cs.CV', false],
    ['cat:cs', true],
    ['year:2026', true],
    ['from:2026-09', false],
    ['graph and robot', false], // lower-case "and" is a word
  ];
  for (const [expr, want] of table) assert.equal(matches(expr), want, expr);
});

test('empty means no condition; the filter keeps includes and drops excludes', () => {
  assert.equal(parseKeywords('  '), null);
  const keep = keywordFilter({ includeTerms: 'graph OR robot', excludeTerms: 'survey' });
  assert.equal(keep(doc()), false);
  assert.equal(keep(doc({ abstract: 'Message passing.' })), true);
  assert.equal(keep(doc({ title: 'Vision', abstract: 'Images.' })), false);
  assert.equal(keywordFilter({ includeTerms: '', excludeTerms: '' })(doc()), true);
});

test('malformed expressions are invalid_query errors that say what to fix', () => {
  const cases: [string, RegExp][] = [
    ['graph OR', /end with an operator/],
    ['OR graph', /where a word should be/],
    ['graph AND AND robot', /where a word should be/],
    ['(graph OR robot', /not closed/],
    ['graph)', /not opened/],
    ['()', /empty parentheses/],
    ['"graph', /quote that is not closed/],
    ['NOT', /end with an operator/],
    ['...', /hold no word/],
    ['foo:bar', /not a field/],
    ['cat:???', /not an arXiv category/],
    ['x'.repeat(501), /limit is 500/],
  ];
  for (const [expr, why] of cases) {
    assert.throws(
      () => keywordFilter({ includeTerms: expr, excludeTerms: '' }),
      (e) => isAppError(e, 'invalid_query') && why.test(e.message),
      expr,
    );
  }
  assert.throws(
    () => keywordFilter({ includeTerms: '', excludeTerms: 'a OR' }),
    (e) => isAppError(e, 'invalid_query') && /exclude keywords/.test(e.message),
  );
});

test('property: any string parses or fails with invalid_query, never anything else', () => {
  const alphabet = fc.constantFrom(
    'a',
    'b',
    ' ',
    '(',
    ')',
    '"',
    '-',
    'AND',
    'OR',
    'NOT',
    ':',
    'cat',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(alphabet).map((a) => a.join('')),
      ),
      (s) => {
        try {
          parseKeywords(s);
        } catch (e) {
          if (!isAppError(e, 'invalid_query')) throw e;
        }
      },
    ),
    { numRuns: 2000 },
  );
});

// A naive reference: random expressions over a few words, printed in the syntax, parsed back and
// evaluated; they must agree with evaluating the generated tree directly on a word set.
const WORDS = ['alpha', 'beta', 'gamma', 'delta'];
type Tree = string | { and: Tree[] } | { or: Tree[] } | { not: Tree };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...WORDS),
    fc.record({ and: fc.array(tie('t'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('t'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ not: tie('t') }),
  ),
})).t;

function print(t: Tree, style: number): string {
  if (typeof t === 'string') return t;
  if ('not' in t)
    return style % 2 === 0 ? `NOT (${print(t.not, style)})` : `-(${print(t.not, style)})`;
  const args = ('and' in t ? t.and : t.or).map((a) => `(${print(a, style)})`);
  return args.join('and' in t ? (style % 3 === 0 ? ' ' : ' AND ') : ' OR ');
}

function naive(t: Tree, words: Set<string>): boolean {
  if (typeof t === 'string') return words.has(t);
  if ('not' in t) return !naive(t.not, words);
  if ('and' in t) return t.and.every((a) => naive(a, words));
  return t.or.some((a) => naive(a, words));
}

test('property: parsed expressions agree with a naive evaluation', () => {
  fc.assert(
    fc.property(tree, fc.subarray(WORDS), fc.nat(5), (t, present, style) => {
      const expr = parseKeywords(print(t, style)) as KeywordExpr;
      const d = doc({ title: present.join(' '), abstract: '', authors: [], categories: [] });
      assert.equal(matchesKeywords(expr, d), naive(t, new Set(present)), print(t, style));
    }),
    { numRuns: 500 },
  );
});
