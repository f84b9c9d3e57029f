import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { idf, selectKeyTerms, type TermStats } from './key-terms.ts';
import { STOPWORDS } from './stopwords.ts';

const N = 1000;
const vocabulary = [
  'graph',
  'graphs',
  'neural',
  'network',
  'molecule',
  'protein',
  'the',
  'of',
  'x1',
];
const stem = (w: string) => (w === 'graphs' ? 'graph' : w);
// Words with one stem share its document frequency, as in an index.
const statsArb = fc
  .tuple(...vocabulary.map(() => fc.integer({ min: 0, max: N })))
  .map((dfs): TermStats => {
    const byStem = new Map(vocabulary.map((w, i) => [stem(w), dfs[i] as number]));
    return {
      documents: N,
      words: new Map(vocabulary.map((w) => [w, { stem: stem(w), df: byStem.get(stem(w)) ?? 0 }])),
    };
  });
const textArb = fc.record({
  title: fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }),
  body: fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }),
});

/** The obvious, slow reference: score every stem, sort, take the best. */
function reference(
  text: { title: string[]; body: string[] },
  stats: TermStats,
  max: number,
  minDf: number,
) {
  const tf = new Map<string, number>();
  for (const [words, times] of [
    [text.title, 3],
    [text.body, 1],
  ] as const) {
    for (const w of words) {
      const s = stats.words.get(w);
      if (STOPWORDS.has(w) || !s || s.df < minDf) continue;
      tf.set(s.stem, (tf.get(s.stem) ?? 0) + times);
    }
  }
  const dfOf = (st: string) => [...stats.words.values()].find((v) => v.stem === st)?.df ?? 0;
  const all = [...tf].map(([st, n]) => ({
    st,
    score: (1 + Math.log(n)) * idf(N, dfOf(st)),
    tfOnly: (1 + Math.log(n)) * 1e-6,
    df: dfOf(st),
  }));
  const weighty = all.filter((x) => x.score > 0);
  // No term with idf: every term counts by tf alone (a tiny store).
  return (weighty.length > 0 ? weighty : all.map((x) => ({ ...x, score: x.tfOnly })))
    .sort((a, b) => b.score - a.score || a.df - b.df || (a.st < b.st ? -1 : 1))
    .slice(0, max)
    .map((x) => x.st);
}

test('key terms agree with the brute-force reference', () => {
  fc.assert(
    fc.property(
      textArb,
      statsArb,
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 3 }),
      (text, stats, max, minDf) => {
        const got = selectKeyTerms(text, stats, { max, minDf });
        assert.deepEqual(
          got.map((t) => t.stem),
          reference(text, stats, max, minDf),
        );
        // Never a stop word, never unknown to the index, weights in (0, 1], best first.
        for (const t of got) {
          assert.ok(!STOPWORDS.has(t.word));
          assert.ok(t.df >= minDf);
          assert.ok(t.weight > 0 && t.weight <= 1);
        }
        for (let i = 1; i < got.length; i++) {
          assert.ok(
            (got[i - 1] as { weight: number }).weight >= (got[i] as { weight: number }).weight,
          );
        }
      },
    ),
  );
});

test('a title word outweighs the same word in the body, and the surface form is the commonest', () => {
  const stats: TermStats = {
    documents: N,
    words: new Map([
      ['graph', { stem: 'graph', df: 10 }],
      ['graphs', { stem: 'graph', df: 10 }],
      ['protein', { stem: 'protein', df: 10 }],
    ]),
  };
  const [first] = selectKeyTerms(
    { title: ['graphs'], body: ['protein', 'graph', 'graph', 'graph', 'graph'] },
    stats,
  );
  assert.equal(first?.stem, 'graph');
  assert.equal(first?.word, 'graph');
  assert.deepEqual(selectKeyTerms({ title: [], body: ['the', 'of'] }, stats), []);
});
