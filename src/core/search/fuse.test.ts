import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { boost, type FusionMethod, fuse, type Scored } from './fuse.ts';

/** Brute-force reference: the formulas of fuse.ts written the obvious, slow way. */
function reference(lexical: Scored[], vector: Scored[], method: FusionMethod) {
  const ids = [...new Set([...lexical, ...vector].map((r) => r.id))];
  const side = (list: Scored[], id: string): number | null => {
    const me = list.find((r) => r.id === id);
    if (!me) return null;
    if (method.kind === 'rrf') {
      const better = list.filter(
        (r) => r.score > me.score || (r.score === me.score && r.id < me.id),
      ).length;
      return 1 / (method.k + better + 1);
    }
    const scores = list.map((r) => r.score);
    const lo = Math.min(...scores);
    const hi = Math.max(...scores);
    return hi > lo ? (me.score - lo) / (hi - lo) : 1;
  };
  const scored = ids.map((id) => {
    const l = side(lexical, id);
    const v = side(vector, id);
    const score =
      method.kind === 'rrf'
        ? (l ?? 0) + (v ?? 0)
        : (1 - method.weight) * (l ?? 0) + method.weight * (v ?? 0);
    return { id, score };
  });
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

const ranking = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom(...'abcdefghijklmnop'),
    score: fc.double({ min: -5, max: 30, noNaN: true }),
  }),
  { selector: (r) => r.id, maxLength: 12 },
);
const method: fc.Arbitrary<FusionMethod> = fc.oneof(
  fc.record({
    kind: fc.constant('linear' as const),
    weight: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('rrf' as const), k: fc.integer({ min: 1, max: 100 }) }),
);

test('fuse agrees with the brute-force reference', () => {
  fc.assert(
    fc.property(ranking, ranking, method, (lex, vec, m) => {
      const got = fuse(lex, vec, m);
      const want = reference(lex, vec, m);
      assert.deepEqual(
        got.map((r) => r.id),
        want.map((r) => r.id),
      );
      got.forEach((r, i) => {
        assert.ok(Math.abs(r.score - (want[i]?.score ?? Number.NaN)) < 1e-9);
      });
    }),
    { numRuns: 1000 },
  );
});

test('every id appears once, best first; weight 0 keeps the lexical order', () => {
  fc.assert(
    fc.property(ranking, ranking, (lex, vec) => {
      const out = fuse(lex, vec, { kind: 'linear', weight: 0 });
      assert.equal(new Set(out.map((r) => r.id)).size, out.length);
      assert.equal(out.length, new Set([...lex, ...vec].map((r) => r.id)).size);
      for (let i = 1; i < out.length; i++) {
        assert.ok((out[i - 1]?.score ?? 0) >= (out[i]?.score ?? 0));
      }
      const lexOrder = [...lex]
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .map((r) => r.id);
      const fusedLex = out.filter((r) => r.lexical !== null).map((r) => r.id);
      // equal normalised scores may tie; compare scores rather than ids for ties
      const norm = new Map(out.map((r) => [r.id, r.lexical]));
      for (let i = 1; i < fusedLex.length; i++) {
        assert.ok(
          (norm.get(fusedLex[i - 1] as string) ?? 0) >= (norm.get(fusedLex[i] as string) ?? 0),
        );
      }
      assert.equal(fusedLex.length, lexOrder.length);
    }),
  );
});

test('raising a result on either side never lowers its fused rank', () => {
  fc.assert(
    fc.property(
      ranking,
      ranking,
      method,
      fc.double({ min: 0, max: 10, noNaN: true }),
      (lex, vec, m, lift) => {
        fc.pre(lex.length > 0);
        const target = lex[0] as Scored;
        const before = fuse(lex, vec, m).findIndex((r) => r.id === target.id);
        const lifted = lex.map((r) => (r.id === target.id ? { ...r, score: r.score + lift } : r));
        const after = fuse(lifted, vec, m).findIndex((r) => r.id === target.id);
        assert.ok(after <= before, `rank went from ${before} to ${after}`);
      },
    ),
  );
});

test('boosts are small, monotone and zero when turned off', () => {
  const w = { upvotes: 0.03, recency: 0.02, halfLifeDays: 180 };
  assert.equal(boost({ upvotes: 0, ageDays: null }, w), 0);
  assert.ok(boost({ upvotes: 100, ageDays: null }, w) < boost({ upvotes: 1000, ageDays: null }, w));
  assert.equal(boost({ upvotes: 10_000, ageDays: null }, w), 0.03);
  assert.ok(boost({ upvotes: 0, ageDays: 0 }, w) > boost({ upvotes: 0, ageDays: 365 }, w));
  assert.equal(boost({ upvotes: 50, ageDays: 3 }, { upvotes: 0, recency: 0, halfLifeDays: 1 }), 0);
});
