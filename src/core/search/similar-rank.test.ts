import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fuse, type Scored } from './fuse.ts';
import { rankSimilar } from './similar-rank.ts';
import type { TermVector } from './term-vectors.ts';

const IDS = 'abcdefghijkl'.split('');
const ranking = fc.uniqueArray(
  fc.record({ id: fc.constantFrom(...IDS), score: fc.double({ min: -5, max: 30, noNaN: true }) }),
  { selector: (r) => r.id, maxLength: 10 },
);
/** A unit term vector over a few stems. */
const termVector = fc
  .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 })
  .map((xs) => {
    const length = Math.sqrt(xs.reduce((s, x) => s + x * x, 0));
    return new Map(
      xs.flatMap((x, i) => (x > 0 && length > 0 ? [[`s${i}`, x / length] as const] : [])),
    ) as TermVector;
  });
const textSide = fc.record({
  source: termVector,
  candidates: fc.array(termVector, { minLength: IDS.length, maxLength: IDS.length }),
});

test('without a text side it is linear fusion of the two sides', () => {
  fc.assert(
    fc.property(ranking, ranking, fc.double({ min: 0, max: 1, noNaN: true }), (lex, vec, w) => {
      const want = fuse(lex, vec, { kind: 'linear', weight: w });
      for (const got of [
        rankSimilar(lex, vec, null, { vector: w, text: 0.5, feedbackDocs: 5, feedbackWeight: 1 }),
        rankSimilar(
          lex,
          vec,
          { source: new Map(), candidates: new Map() },
          {
            vector: w,
            text: 0,
            feedbackDocs: 5,
            feedbackWeight: 1,
          },
        ),
      ]) {
        assert.deepEqual(
          got.map((r) => r.id),
          want.map((r) => r.id),
        );
      }
    }),
  );
});

test('every candidate appears once, best first, with scores in [0, 1]', () => {
  fc.assert(
    fc.property(
      ranking,
      ranking,
      textSide,
      fc.integer({ min: 0, max: 6 }),
      (lex, vec, t, feedbackDocs) => {
        const side = {
          source: t.source,
          candidates: new Map(IDS.map((id, i) => [id, t.candidates[i] as TermVector])),
        };
        const got = rankSimilar(lex, vec, side, {
          vector: 0.3,
          text: 0.5,
          feedbackDocs,
          feedbackWeight: 1,
        });
        const ids = new Set([...lex, ...vec].map((r: Scored) => r.id));
        assert.equal(got.length, ids.size);
        assert.deepEqual(new Set(got.map((r) => r.id)), ids);
        for (let i = 1; i < got.length; i++) {
          assert.ok((got[i - 1]?.score ?? 0) >= (got[i]?.score ?? 0));
        }
        for (const r of got) assert.ok(r.score >= -1e-9 && r.score <= 1 + 1e-9);
      },
    ),
  );
});

test('the text side puts the paper whose words match first, and feedback follows the best results', () => {
  const lexical = [
    { id: 'a', score: 10 },
    { id: 'b', score: 9 },
    { id: 'c', score: 1 },
  ];
  const v = (entries: [string, number][]): TermVector => {
    const length = Math.sqrt(entries.reduce((s, [, x]) => s + x * x, 0));
    return new Map(entries.map(([k, x]) => [k, x / length]));
  };
  const candidates = new Map([
    ['a', v([['rare', 1]])],
    [
      'b',
      v([
        ['topic', 1],
        ['method', 1],
      ]),
    ],
    [
      'c',
      v([
        ['method', 1],
        ['data', 1],
      ]),
    ],
  ]);
  const source = v([
    ['topic', 3],
    ['method', 1],
    ['rare', 0.5],
  ]);
  const weights = { vector: 0, text: 0.5, feedbackDocs: 0, feedbackWeight: 1 };
  const plain = rankSimilar(lexical, [], { source, candidates }, weights);
  assert.deepEqual(
    plain.map((r) => r.id),
    ['b', 'a', 'c'],
  );
  // Feedback from the best result (b, which holds "method") lifts c, which shares "method".
  const fed = rankSimilar(lexical, [], { source, candidates }, { ...weights, feedbackDocs: 1 });
  const cOf = (rs: { id: string; text: number | null }[]) => rs.find((r) => r.id === 'c')?.text;
  assert.ok((cOf(fed) ?? 0) > (cOf(plain) ?? 0));
});
