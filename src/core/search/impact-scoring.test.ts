import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeSegment } from './impact-postings.ts';
import { ImpactAccumulator, type QuerySegment, segmentsRead } from './impact-scoring.ts';

/** Segments of a few terms over docids 1–300, each with its own tally bit. */
const terms = fc.array(
  fc.record({
    docids: fc
      .uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 60 })
      .map((xs) => xs.sort((a, b) => a - b)),
    level: fc.integer({ min: 1, max: 255 }),
    bit: fc.integer({ min: 0, max: 29 }),
  }),
  { minLength: 1, maxLength: 6 },
);

/** The tally as a plain Map over every document, as [bits, documents] sorted by bits. */
function reference(order: (QuerySegment & { docids: number[] })[], skip: Set<number>) {
  const acc = new Map<number, number>();
  const masks = new Map<number, number>();
  for (const h of order) {
    for (const d of h.docids) {
      if (!acc.has(d)) acc.set(d, 0);
      masks.set(d, (masks.get(d) ?? 0) | h.bits);
    }
  }
  const tally = new Map<number, number>();
  for (const [d, m] of masks) if (!skip.has(d)) tally.set(m, (tally.get(m) ?? 0) + 1);
  return sortedTally(tally);
}

function sortedTally(tally: Map<number, number>): [number, number][] {
  return [...tally].sort((a, b) => a[0] - b[0]);
}

/** A term's stored segment: its docids, each at the term's level. */
function segmentOf(t: { docids: number[]; level: number }): Uint8Array {
  return encodeSegment({
    weight: 1,
    scale: 1,
    docids: t.docids,
    levels: t.docids.map(() => t.level),
  });
}

test('the tally counts every document seen by its exact bits, small or large, and clears between queries', () => {
  const scorer = new ImpactAccumulator();
  fc.assert(
    fc.property(terms, fc.uniqueArray(fc.integer({ min: 1, max: 300 })), (ts, skipped) => {
      const bytes = new Map<number, Uint8Array>();
      const order = ts.map((t, id) => {
        bytes.set(id, segmentOf(t));
        return {
          id,
          term: `t${id}`,
          weight: t.level,
          scale: 1,
          count: t.docids.length,
          bits: 1 << t.bit,
          docids: t.docids,
        };
      });
      const skip = new Set(skipped);
      for (let round = 0; round < 2; round++) {
        const got = scorer.score(order, (id) => bytes.get(id), 300, 1_000_000, 5, skip);
        assert.deepEqual(sortedTally(got.tally), reference(order, skip));
        assert.equal(got.complete, true);
      }
    }),
  );
});

test('the segments read are exactly those the walk adds under its budget', () => {
  const scorer = new ImpactAccumulator();
  fc.assert(
    fc.property(terms, fc.integer({ min: 1, max: 200 }), (ts, postings) => {
      const bytes = new Map<number, Uint8Array>();
      const order = ts.map((t, id) => {
        bytes.set(id, segmentOf(t));
        return { id, term: `t${id}`, weight: 256 - id, scale: 1, count: t.docids.length, bits: 1 };
      });
      const wanted = new Set(segmentsRead(order, postings));
      const asked: number[] = [];
      const all = scorer.score(
        order,
        (id) => {
          asked.push(id);
          return bytes.get(id);
        },
        300,
        postings,
        5,
        new Set(),
      );
      assert.deepEqual(asked, [...wanted]);
      const some = scorer.score(
        order,
        (id) => (wanted.has(id) ? bytes.get(id) : undefined),
        300,
        postings,
        5,
        new Set(),
      );
      assert.deepEqual(some, all);
    }),
  );
});

test('the best documents are those of a plain accumulator over every docid (float32 sums in walk order; ties by lower docid), across blocks of docids', () => {
  const scorer = new ImpactAccumulator();
  const spread = fc.array(
    fc.record({
      docids: fc
        .uniqueArray(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 300 })
        .map((xs) => xs.sort((a, b) => a - b)),
      levels: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 300, maxLength: 300 }),
      scale: fc.constantFrom(0.1, 0.37, 1 / 3),
      bit: fc.integer({ min: 0, max: 13 }),
    }),
    { minLength: 1, maxLength: 8 },
  );
  fc.assert(
    fc.property(spread, fc.integer({ min: 0, max: 40 }), (ts, k) => {
      const bytes = new Map<number, Uint8Array>();
      const order = ts.map((t, id) => {
        const levels = t.docids.map((_, i) => t.levels[i] as number);
        bytes.set(id, encodeSegment({ weight: 1, scale: t.scale, docids: t.docids, levels }));
        return {
          id,
          term: `t${id}`,
          weight: 100 - id,
          scale: t.scale,
          count: t.docids.length,
          bits: 1 << t.bit,
          docids: t.docids,
          levels,
        };
      });
      const acc = new Map<number, number>();
      const masks = new Map<number, number>();
      for (const h of order) {
        h.docids.forEach((d, i) => {
          acc.set(d, Math.fround((acc.get(d) ?? 0) + (h.levels[i] as number) * h.scale));
          masks.set(d, (masks.get(d) ?? 0) | h.bits);
        });
      }
      const want = [...acc]
        .map(([docid, score]) => ({ docid, score, mask: masks.get(docid) as number }))
        .sort((a, b) => b.score - a.score || a.docid - b.docid)
        .slice(0, k);
      const got = scorer.score(order, (id) => bytes.get(id), 20_000, 1_000_000, k, new Set());
      assert.deepEqual(got.hits, want);
    }),
  );
});
