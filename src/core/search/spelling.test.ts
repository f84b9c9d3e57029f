import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { porterStem } from '../text/porter-stemmer.ts';
import { bestCandidate, editDistance, maxEdits, stemDistance } from './spelling.ts';

/** Optimal string alignment distance, written as the textbook recurrence over a full table. */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const word = fc.string({ unit: fc.constantFrom(...'abcde'), maxLength: 9 });

test('edit distance agrees with the textbook table, and the bounded form stops at max + 1', () => {
  fc.assert(
    fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
      const full = reference(a, b);
      assert.equal(editDistance(a, b), full);
      assert.equal(editDistance(a, b, max), Math.min(full, max + 1));
    }),
  );
});

test('the suggestion is the nearest term, ties to the commoner, never the word itself', () => {
  const candidates = [
    { term: 'transform', df: 900 },
    { term: 'transfer', df: 400 },
    { term: 'transfom', df: 2 },
    { term: 'affin', df: 30 },
  ];
  assert.deepEqual(bestCandidate('transfomer', candidates), { term: 'transform', df: 900 });
  assert.deepEqual(bestCandidate('affinitty', candidates), { term: 'affin', df: 30 });
  assert.equal(bestCandidate('xqzvbnm', candidates), null);
  fc.assert(
    fc.property(
      word,
      fc.array(fc.record({ term: word, df: fc.integer({ min: 2, max: 99 }) })),
      (w, cs) => {
        const got = bestCandidate(w, cs);
        // stemDistance by the textbook table: the stem, or the start when the rest is a suffix.
        const dist = (t: string) => {
          const rest = w.length - t.length;
          const byStem = reference(porterStem(w), t);
          return t.length < 4 || rest < 0 || rest > 4
            ? byStem
            : Math.min(byStem, reference(w.slice(0, t.length), t));
        };
        const near = cs.filter((c) => c.term !== porterStem(w) && dist(c.term) <= maxEdits(w));
        if (near.length === 0) return assert.equal(got, null);
        const best = Math.min(...near.map((c) => dist(c.term)));
        assert.ok(got);
        assert.equal(stemDistance(w, got.term, maxEdits(w)), best);
        const maxDf = Math.max(...near.filter((c) => dist(c.term) === best).map((c) => c.df));
        assert.equal(got.df, maxDf);
      },
    ),
  );
});
