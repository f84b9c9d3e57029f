import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mineHardNegatives } from './hard-negatives.ts';
import type { TokenizedPaper } from './training-pairs.ts';

const paper = (title: string, abstract: string): TokenizedPaper => ({
  title: title.split(' '),
  sentences: [abstract.split(' ')],
  summary: null,
});

// Paper 0's title words occur in papers 1–4's abstracts, most in 1, then 2, 3, 4; the filler papers
// keep those words rare enough to count (document fraction ≤ 0.5 below).
const papers: TokenizedPaper[] = [
  paper('graph neural network', 'we study graph neural network'),
  paper('a', 'graph neural network graph neural'),
  paper('b', 'graph neural network'),
  paper('c', 'graph neural other words here'),
  paper('d', 'graph and many other unrelated words in a long abstract'),
  ...Array.from({ length: 6 }, (_, i) => paper(`filler${i}`, `cooking recipe ${i} bread`)),
];

test('hard negatives are the BM25 ranks after the skipped best, best first, never the paper itself', () => {
  const mined = mineHardNegatives(papers, { skip: 1, take: 2, maxDocumentFraction: 0.5 });
  assert.equal(mined.length, papers.length);
  assert.deepEqual([...mined[0]!], [2, 3], 'rank 1 (paper 1) skipped, then 2 and 3');
  for (let i = 0; i < mined.length; i++) assert.ok(!mined[i]!.includes(i), `paper ${i} is its own`);
  const noSkip = mineHardNegatives(papers, { skip: 0, take: 4, maxDocumentFraction: 0.5 });
  assert.deepEqual([...noSkip[0]!], [1, 2, 3, 4]);
});

test('words in too many abstracts are ignored, so a title of only common words mines nothing', () => {
  const mined = mineHardNegatives(papers, { skip: 0, take: 4, maxDocumentFraction: 0.2 });
  // "graph" is in 5 of 11 abstracts (> 0.2 · 11); "neural" in 4, "network" in 3: all dropped.
  assert.deepEqual([...mined[0]!], []);
});

test('mining is deterministic, ties broken by index', () => {
  const tied = [paper('x y', 'q'), paper('p', 'x y'), paper('p', 'x y'), paper('p', 'x y')];
  const a = mineHardNegatives(tied, { skip: 0, take: 2, maxDocumentFraction: 1 });
  const b = mineHardNegatives(tied, { skip: 0, take: 2, maxDocumentFraction: 1 });
  assert.deepEqual(a, b);
  assert.deepEqual([...a[0]!], [1, 2]);
});
