import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TermStats } from './key-terms.ts';
import { termCosine, termVector, towards } from './term-vectors.ts';

/** Index statistics where a word is its own stem and `df` gives its document frequency. */
function stats(df: Record<string, number>, documents = 100): TermStats {
  return {
    documents,
    words: new Map(Object.entries(df).map(([w, n]) => [w, { stem: w, df: n }])),
  };
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'the', 'unknown'];
const known = stats({ alpha: 3, beta: 10, gamma: 40, delta: 2, omega: 99, the: 90, unknown: 0 });
const text = fc.record({
  title: fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }),
  body: fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }),
});

test('a term vector has unit length, leaves out stop words and unknown words, and matches itself', () => {
  fc.assert(
    fc.property(text, fc.integer({ min: 1, max: 5 }), (t, titleWeight) => {
      const v = termVector(t, known, titleWeight);
      assert.ok(!v.has('the') && !v.has('unknown'));
      if (v.size === 0) return;
      assert.ok(Math.abs(termCosine(v, v) - 1) < 1e-9);
      for (const x of v.values()) assert.ok(x > 0);
    }),
  );
});

test('the cosine is symmetric and in [0, 1]', () => {
  fc.assert(
    fc.property(text, text, (a, b) => {
      const va = termVector(a, known, 3);
      const vb = termVector(b, known, 3);
      const c = termCosine(va, vb);
      assert.ok(Math.abs(c - termCosine(vb, va)) < 1e-12);
      assert.ok(c >= 0 && c <= 1 + 1e-9);
    }),
  );
});

test('a word the text repeats, and a rarer word, weigh more', () => {
  const v = termVector({ title: [], body: ['beta', 'beta', 'beta', 'gamma', 'delta'] }, known, 3);
  assert.ok((v.get('beta') ?? 0) > (v.get('gamma') ?? 0), 'tf: beta ×3 over gamma ×1');
  assert.ok((v.get('delta') ?? 0) > (v.get('gamma') ?? 0), 'idf: delta (df 2) over gamma (df 40)');
  const titled = termVector({ title: ['gamma'], body: ['beta'] }, known, 3);
  const plain = termVector({ title: [], body: ['gamma', 'beta'] }, known, 3);
  assert.ok((titled.get('gamma') ?? 0) > (plain.get('gamma') ?? 0), 'a title word counts more');
});

test('Rocchio moves the source towards the others, and leaves it alone without them', () => {
  const source = termVector({ title: [], body: ['alpha', 'beta'] }, known, 3);
  const other = termVector({ title: [], body: ['gamma', 'delta'] }, known, 3);
  assert.equal(towards(source, [], 1), source);
  assert.equal(towards(source, [other], 0), source);
  const moved = towards(source, [other], 1);
  assert.ok(termCosine(moved, other) > termCosine(source, other));
  assert.ok(Math.abs(termCosine(moved, moved) - 1) < 1e-9);
});
