import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TermStats } from './key-terms.ts';
import type { MatchTally } from './ports.ts';
import {
  countWordMatches,
  coverage,
  matchesWords,
  requiredShare,
  SHORT_QUERY_TERMS,
  wordRule,
} from './relevance.ts';

const N = 10_000;

/** A query of 1–8 terms with document frequencies (0 = no paper holds it). */
const queryArb = fc
  .array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: N })), { minLength: 1, maxLength: 8 })
  .map((dfs) => ({
    terms: dfs.map((_, i) => `t${i}`),
    stats: {
      documents: N,
      words: new Map(dfs.map((df, i) => [`t${i}`, { stem: `t${i}`, df }])),
    } satisfies TermStats,
  }));

/** Papers as the sets of query terms they hold (bit masks). */
const papersArb = (n: number) =>
  fc.array(fc.integer({ min: 0, max: (1 << n) - 1 }), { maxLength: 40 });

function tallyOf(masks: number[], complete = true): MatchTally {
  const counts = new Map<number, number>();
  for (const m of masks) if (m !== 0) counts.set(m, (counts.get(m) ?? 0) + 1);
  return { counts, complete };
}

const dfOf = (q: { terms: string[]; stats: TermStats }, i: number) =>
  q.stats.words.get(q.terms[i] as string)?.df ?? 0;
const known = (q: { terms: string[]; stats: TermStats }, i: number) => dfOf(q, i) > 0;
/**
 * Terms that carry weight: held by some paper but by less than half of them (BM25 gives the rest
 * no weight); when none does, every term some paper holds.
 */
const weighty = (q: { terms: string[]; stats: TermStats }, i: number) => {
  const rare = (j: number) => known(q, j) && dfOf(q, j) < N / 2;
  return q.terms.some((_, j) => rare(j)) ? rare(i) : known(q, i);
};

test('a query of one or two weighty terms matches exactly the papers holding all of them', () => {
  fc.assert(
    fc.property(queryArb, papersArb(8), (q, masks) => {
      const rule = wordRule(q.terms, q.stats, tallyOf(masks));
      const knownBits = q.terms.reduce((m, _, i) => (weighty(q, i) ? m | (1 << i) : m), 0);
      const k = q.terms.filter((_, i) => weighty(q, i)).length;
      fc.pre(k >= 1 && k <= 2);
      for (const m of masks) {
        assert.equal(matchesWords(rule, m), (m & knownBits) === knownBits, `mask ${m}`);
      }
    }),
  );
});

test('words no paper holds never make a match, and a query of only those matches nothing', () => {
  fc.assert(
    fc.property(queryArb, papersArb(8), (q, masks) => {
      const rule = wordRule(q.terms, q.stats, tallyOf(masks));
      assert.deepEqual(
        rule.unknown,
        q.terms.filter((_, i) => !known(q, i)),
      );
      if (rule.unknown.length === q.terms.length) {
        assert.equal(countWordMatches(rule, tallyOf(masks)).count, 0);
      }
    }),
  );
});

test('holding more terms never loses a match (monotone), and holding all always matches', () => {
  fc.assert(
    fc.property(queryArb, papersArb(8), fc.integer({ min: 0, max: 255 }), (q, masks, extra) => {
      const rule = wordRule(q.terms, q.stats, tallyOf(masks));
      const all = (1 << q.terms.length) - 1;
      if (q.terms.some((_, i) => known(q, i))) assert.ok(matchesWords(rule, all));
      for (const m of masks) {
        if (matchesWords(rule, m)) assert.ok(matchesWords(rule, m | (extra & all)));
      }
    }),
  );
});

test('for short queries, a paper with every rare term ranks in; one with a single term of three does not', () => {
  // "task affinity grouping": task is common, affinity and grouping rare.
  const stats: TermStats = {
    documents: N,
    words: new Map([
      ['task', { stem: 'task', df: 3000 }],
      ['affinity', { stem: 'affin', df: 40 }],
      ['grouping', { stem: 'group', df: 90 }],
    ]),
  };
  const rule = wordRule(['task', 'affinity', 'grouping'], stats, tallyOf([7, 2, 3]));
  assert.ok(matchesWords(rule, 0b111), 'all three');
  assert.ok(matchesWords(rule, 0b110), 'both rare terms');
  assert.ok(!matchesWords(rule, 0b010), 'affinity alone (binding affinity)');
  assert.ok(!matchesWords(rule, 0b011), 'task and affinity');
});

test('counts agree with a brute-force count over the papers; incomplete tallies are lower bounds', () => {
  fc.assert(
    fc.property(queryArb, papersArb(8), fc.boolean(), (q, masks, complete) => {
      const tally = tallyOf(masks, complete);
      const rule = wordRule(q.terms, q.stats, tally);
      const brute = masks.filter((m) => m !== 0 && matchesWords(rule, m)).length;
      assert.deepEqual(countWordMatches(rule, tally), { count: brute, atLeast: !complete });
    }),
  );
});

test('the share asked for falls with the query length, and long queries are relative to the best', () => {
  for (let k = 1; k <= SHORT_QUERY_TERMS; k++) {
    assert.ok(requiredShare(k, 0.1) >= requiredShare(k + 1, 1), `${k}`);
  }
  assert.equal(requiredShare(2, 0), 1);
  assert.equal(requiredShare(8, 0.6, 0.5), 0.3);
  fc.assert(
    fc.property(queryArb, papersArb(8), (q, masks) => {
      const rule = wordRule(q.terms, q.stats, tallyOf(masks));
      for (const m of masks) {
        const c = coverage(rule, m);
        assert.ok(c >= 0 && c <= 1 + 1e-9);
      }
    }),
  );
});
