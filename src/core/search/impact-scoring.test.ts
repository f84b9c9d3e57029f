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

/** The tally as a plain Map over every document, in the order each set of bits is first seen. */
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
  return tally;
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
        assert.deepEqual([...got.tally], [...reference(order, skip)]);
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
