import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { authorMatches, foldName } from './author-match.ts';
import { keywordScorer } from './keyword-relevance.ts';
import { selectPicks } from './select-digest.ts';

test('picks: best first, nothing already sent, threshold and cursor respected', () => {
  const c = (paperId: string, score: number, addedAt = '2026-08-25T00:00:00Z') => ({
    paperId,
    score,
    addedAt,
  });
  const picks = selectPicks(
    [
      c('a', 0.9),
      c('b', 0.95),
      c('c', 0.4),
      c('d', 0.8, '2026-08-20T00:00:00Z'),
      c('e', 0.7),
      c('b', 0.95),
    ],
    new Set(['e']),
    { limit: 5, minScore: 0.5, addedSince: '2026-08-24T00:00:00Z' },
  );
  assert.deepEqual(
    picks.map((p) => p.paperId),
    ['b', 'a'],
  );
});

test('property: picks never repeat, never include sent papers, respect the limit', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          paperId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
          score: fc.double({ min: 0, max: 1, noNaN: true }),
          addedAt: fc.constant('x'),
        }),
      ),
      fc.subarray(['a', 'b', 'c', 'd', 'e', 'f']),
      fc.integer({ min: 0, max: 6 }),
      (candidates, sent, limit) => {
        const picks = selectPicks(candidates, new Set(sent), { limit });
        const ids = picks.map((p) => p.paperId);
        return (
          ids.length <= limit &&
          new Set(ids).size === ids.length &&
          ids.every((id) => !sent.includes(id))
        );
      },
    ),
  );
});

test('keyword relevance: all words in the title beat some words in the abstract', () => {
  const score = keywordScorer([
    {
      id: '1',
      title: 'Graph neural networks for molecules',
      abstract: 'We study chemistry.',
      keywords: [],
      categories: ['cs.LG'],
    },
    {
      id: '2',
      title: 'Transformers',
      abstract: 'A graph of attention networks.',
      keywords: [],
      categories: ['cs.CL'],
    },
    { id: '3', title: 'Unrelated', abstract: 'Cooking recipes.', keywords: [], categories: [] },
  ]);
  const hits = score('graph neural networks');
  assert.deepEqual(
    hits.map((h) => h.id),
    ['1', '2'],
  );
  assert.equal(hits[0]?.score, 1);
  assert.ok((hits[1]?.score ?? 0) < 0.5);
  assert.deepEqual(
    score('graph', ['cs.CL']).map((h) => h.id),
    ['2'],
  );
  assert.deepEqual(score('the of and'), []);
});

test('author names match across spellings, not across people', () => {
  const m = (a: string, b: string) => authorMatches(foldName(a), foldName(b));
  assert.ok(m('Yann LeCun', 'Yann Le Cun'));
  assert.ok(m('Yann LeCun', 'Y. LeCun'));
  assert.ok(m('Jürgen Schmidhuber', 'Jurgen Schmidhuber'));
  assert.ok(!m('Yann LeCun', 'Yves LeCun'));
  assert.ok(!m('LeCun', 'Yann LeCun'), 'a bare surname is too ambiguous');
  assert.ok(!m('Ada Lovelace', 'Alan Turing'));
});
