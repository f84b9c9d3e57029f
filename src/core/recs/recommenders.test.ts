/**
 * The recommenders on small hand-made worlds: papers about the library's topic rank above the
 * rest for both; "not interested" pulls a topic down at once; relevance is the share of the
 * background beaten; the "why" names the nearest library papers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bm25Corpus } from './bm25-corpus.ts';
import { type PaperFeatures, type PaperText, termFeaturizer, unit } from './features.ts';
import { profileWords, wordStats } from './keyword-profile.ts';
import { rankCandidates } from './rank-candidates.ts';
import { calibrate, closestInLibrary, RECOMMENDERS, type TrainingSet } from './recommenders.ts';

const texts = new Map<string, PaperText>();
/** A paper near axis `topic` (0–3) of a 4-dim space, with words to match. */
function paper(id: string, topic: number, noise = 0): PaperFeatures {
  const v = new Float32Array(4).fill(0.05);
  v[topic] = 1;
  v[(topic + 1) % 4] = noise;
  const words = ['retrieval', 'graphs', 'robotics', 'proteins'][topic] as string;
  const text = { id, title: `${words} ${id}`, abstract: `${words} study` };
  texts.set(id, text);
  return { id, vector: unit(v), terms: termFeaturizer([text])(text) };
}

const background = Array.from({ length: 40 }, (_, i) => paper(`bg${i}`, i % 4, (i % 5) / 10));
const library = [paper('l1', 0), paper('l2', 0, 0.2), paper('l3', 0, 0.1)];
const candidates = [
  paper('c-graph', 1),
  paper('c-retr', 0, 0.3),
  paper('c-robot', 2),
  paper('c-retr2', 0),
];

/** The keyword profile of `papers`, BM25 over the candidates and the background. */
function keywordsOf(papers: PaperFeatures[]) {
  const text = (p: PaperFeatures) => texts.get(p.id) as PaperText;
  const all = [...library, ...candidates, ...background].map(text);
  const corpus = new Bm25Corpus([...candidates, ...background].map(text));
  return corpus.scorer(profileWords(papers.map(text), wordStats(all), 3));
}

for (const name of RECOMMENDERS) {
  test(`${name}: the library's topic first; a "not interested" topic drops`, () => {
    const set: TrainingSet = {
      positives: library,
      marked: [],
      background,
      keywords: keywordsOf(library),
    };
    const ranked = rankCandidates(name, set, candidates, 10);
    assert.deepEqual(
      ranked
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
      ['c-retr', 'c-retr2'],
    );
    assert.ok(ranked.every((r) => r.relevance >= 0 && r.relevance <= 1));
    assert.ok((ranked[0]?.relevance ?? 0) > 0.7);
    // Marking retrieval-with-graphs papers as not interesting moves c-retr (it leans to graphs) down.
    const marked = [paper('m1', 1, 0), paper('m2', 1, 0.1)];
    const after = rankCandidates(
      name,
      { ...set, marked, avoid: keywordsOf(marked) },
      candidates,
      10,
    );
    const pos = (list: typeof ranked, id: string) => list.findIndex((r) => r.id === id);
    assert.ok(pos(after, 'c-graph') >= pos(ranked, 'c-graph'));
    assert.ok(
      (after.find((r) => r.id === 'c-graph')?.score ?? 0) <
        (ranked.find((r) => r.id === 'c-graph')?.score ?? 0),
    );
  });
}

test('library papers and marked papers are never recommended; limit holds', () => {
  const set: TrainingSet = {
    positives: library,
    marked: [candidates[2] as PaperFeatures],
    background,
  };
  const ranked = rankCandidates('nearest', set, [...candidates, ...library], 2);
  assert.equal(ranked.length, 2);
  assert.ok(ranked.every((r) => !['l1', 'l2', 'l3', 'c-robot'].includes(r.id)));
});

test('calibrate: the share of the background scored below', () => {
  const rel = calibrate((p) => Number(p.id.slice(2)), background);
  assert.equal(rel(-1), 0);
  assert.equal(rel(20), 0.5);
  assert.equal(rel(1000), 1);
});

test('closestInLibrary names the nearest library papers, best first', () => {
  assert.deepEqual(
    closestInLibrary(paper('q', 0, 0.2), library).map((x) => x.id),
    ['l2', 'l3'],
  );
});
