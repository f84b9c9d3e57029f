import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAppError } from '../errors.ts';
import { parseQuery } from './query.ts';

test('free text, phrases, exclusions and fields', () => {
  const q = parseQuery('graph "neural network" -survey author:"Yann LeCun" cat:cs.LG year:2024');
  assert.deepEqual(q.words, ['graph']);
  assert.deepEqual(q.phrases, [['neural', 'network']]);
  assert.deepEqual(q.excluded, [['survey']]);
  assert.deepEqual(q.filters.authors, ['yann lecun']);
  assert.deepEqual(q.filters.categories, ['cs.LG']);
  assert.equal(q.filters.from, '2024-01-01');
  assert.equal(q.filters.to, '2024-12-31');
  assert.equal(q.text, 'graph neural network');
});

test('categories, prefixes and dates', () => {
  assert.deepEqual(parseQuery('x cat:cs.*').filters.categories, ['cs.*']);
  assert.deepEqual(parseQuery('x cat:cs').filters.categories, ['cs.*']);
  assert.deepEqual(parseQuery('x cat:cs.cl').filters.categories, ['cs.CL']);
  const d = parseQuery('x from:2026-01 to:2026-02');
  assert.equal(d.filters.from, '2026-01-01');
  assert.equal(d.filters.to, '2026-02-28');
  assert.deepEqual(parseQuery('year:2023-2025').filters, {
    authors: [],
    categories: [],
    from: '2023-01-01',
    to: '2025-12-31',
  });
});

test('arXiv ids and URLs jump to the paper', () => {
  assert.equal(parseQuery('2401.01234v2').jumpTo, '2401.01234');
  assert.equal(parseQuery('https://arxiv.org/abs/2401.01234').jumpTo, '2401.01234');
  assert.equal(parseQuery('arxiv.org/pdf/2401.01234v1.pdf').jumpTo, '2401.01234');
  assert.equal(parseQuery('hep-th/9901001').jumpTo, 'hep-th/9901001');
  assert.equal(parseQuery('attention 2401.01234').jumpTo, null);
});

test('bad queries fail with invalid_query and a message that says how to fix them', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['x'.repeat(251), /251 characters long; the limit is 250/],
    ['foo:bar', /"foo:" is not a field/],
    ['x year:20x5', /year:20x5 is not a year/],
    ['x from:2026-02-30', /not a date/],
    ['x cat:!!', /not an arXiv category/],
    ['-only -exclusions', /nothing to search for/],
    ['x -author:someone', /cannot be excluded/],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => parseQuery(input),
      (e: unknown) => isAppError(e, 'invalid_query') && message.test(e.message),
      input,
    );
  }
});

test('unbalanced quotes and FTS5 syntax characters are plain text', () => {
  const q = parseQuery('"graph neural');
  assert.deepEqual(q.phrases, [['graph', 'neural']]);
  assert.equal(q.notices.length, 1);
  const syntax = parseQuery('a* OR (b NEAR c) ^d + e AND "f');
  assert.deepEqual(syntax.words, ['a', 'or', 'b', 'near', 'c', 'd', 'e', 'and']);
  assert.deepEqual(parseQuery('see https://example.org/x:y').words, [
    'see',
    'https',
    'example',
    'org',
    'x',
    'y',
  ]);
});

test('any string up to 250 characters parses or fails with invalid_query, never anything else', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 260 }), (s) => {
      try {
        const q = parseQuery(s);
        assert.ok(q.words.length + q.phrases.length > 0 || q.jumpTo !== null || q.filters);
      } catch (e) {
        assert.ok(isAppError(e, 'invalid_query'), String(e));
      }
    }),
    { numRuns: 500 },
  );
});
