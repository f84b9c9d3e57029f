import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  docsizeTotal,
  encodeDocids,
  encodeSegment,
  forEachDocid,
  LEVELS,
  SEGMENT_POSTINGS,
  segmentsOf,
  topK,
} from './impact-postings.ts';

const ascending = fc
  .uniqueArray(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 300 })
  .map((xs) => xs.sort((a, b) => a - b));

test('docid lists survive delta varint encoding', () => {
  fc.assert(
    fc.property(ascending, (docids) => {
      const out: number[] = [];
      forEachDocid(encodeDocids(docids), (d) => out.push(d));
      assert.deepEqual(out, docids);
    }),
  );
});

test('segments hold every posting once, best first, within half a level of its score', () => {
  const postings = ascending.chain((docids) =>
    fc.tuple(
      fc.constant(docids),
      fc.array(fc.double({ min: 0.001, max: 30, noNaN: true }), {
        minLength: docids.length,
        maxLength: docids.length,
      }),
    ),
  );
  fc.assert(
    fc.property(postings, ([docids, scores]) => {
      const segments = segmentsOf(docids, scores);
      const seen = new Map<number, number>();
      for (const s of segments) {
        assert.ok(s.docids.length <= SEGMENT_POSTINGS);
        assert.deepEqual(
          s.docids,
          [...s.docids].sort((a, b) => a - b),
        );
        s.docids.forEach((d, i) => {
          seen.set(d, (s.levels[i] as number) * s.scale);
        });
        for (const l of s.levels) assert.ok(l >= 1 && l <= LEVELS);
        assert.ok(Math.abs(Math.max(...s.levels) * s.scale - s.weight) < 1e-9);
      }
      for (let i = 1; i < segments.length; i++) {
        assert.ok(
          (segments[i] as { weight: number }).weight <=
            (segments[i - 1] as { weight: number }).weight,
        );
      }
      assert.equal(seen.size, docids.length);
      const best = Math.max(...scores, 0);
      docids.forEach((d, i) => {
        const stored = seen.get(d) as number;
        const score = scores[i] as number;
        // Rounded to the nearest level (the lowest level also holds scores below it).
        assert.ok(stored - score <= best / LEVELS / 2 + 1e-9 || stored === best / LEVELS);
        assert.ok(score - stored <= best / LEVELS / 2 + 1e-9);
      });
    }),
  );
});

test('a segment is its levels then its docids', () => {
  const bytes = encodeSegment({ weight: 2, scale: 1, docids: [3, 300], levels: [2, 1] });
  assert.deepEqual([...bytes.subarray(0, 2)], [2, 1]);
  const out: number[] = [];
  forEachDocid(bytes.subarray(2), (d) => out.push(d));
  assert.deepEqual(out, [3, 300]);
});

test('FTS5 docsize records are summed (SQLite varints)', () => {
  // 5, 200 (0x81 0x48), 0
  assert.equal(docsizeTotal(Uint8Array.from([5, 0x81, 0x48, 0])), 205);
});

test('topK equals sorting everything (ties by lower docid, skipped docids left out)', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 1, max: 5 }),
      (docids, k, buckets) => {
        const scores = Array.from({ length: 1001 }, (_, d) => d % buckets); // many ties
        const skip = new Set(docids.filter((d) => d % 7 === 0));
        const want = docids
          .filter((docid) => !skip.has(docid))
          .map((docid) => ({ docid, score: scores[docid] as number }))
          .sort((a, b) => b.score - a.score || a.docid - b.docid)
          .slice(0, k);
        assert.deepEqual(topK(docids, docids.length, scores, k, skip), want);
      },
    ),
  );
});
