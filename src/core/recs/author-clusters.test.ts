import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorFollowMatches, clusterAuthor, MAX_LINKING_AUTHORS } from './author-clusters.ts';

const p = (id: string, ...authors: string[]) => ({ id, authors });

// Two Wei Zhangs: one writes with Alice Smith and Bob Jones (chained through Bob), the other
// with Chen Li; nobody in common.
const PAPERS = [
  p('2601.00001', 'Wei Zhang', 'Alice Smith'),
  p('2601.00002', 'Bob Jones', 'Wei Zhang', 'Alice Smith'),
  p('2601.00003', 'Wei Zhang', 'Bob Jones', 'Dana White'),
  p('2601.00004', 'Chen Li', 'Wei Zhang'),
  p('2601.00005', 'Wei Zhang', 'Chen Li', 'Eve Stone'),
  p('2601.00006', 'Someone Else', 'Alice Smith'),
];

test('two Wei Zhangs with disjoint co-authors are two people, most papers first', () => {
  const { people, unplaced } = clusterAuthor('Wei Zhang', PAPERS);
  assert.deepEqual(
    people.map((x) => ({ key: x.key, papers: x.paperIds, coauthors: x.coauthors })),
    [
      {
        key: '2601.00001',
        papers: ['2601.00001', '2601.00002', '2601.00003'],
        coauthors: ['Alice Smith', 'Bob Jones', 'Dana White'],
      },
      {
        key: '2601.00004',
        papers: ['2601.00004', '2601.00005'],
        coauthors: ['Chen Li', 'Eve Stone'],
      },
    ],
  );
  assert.deepEqual(unplaced, []);
});

test('a co-author in common (spelled differently) makes them one person', () => {
  const linked = [...PAPERS, p('2601.00007', 'WEI ZHANG', 'Dana  White', 'chen li')];
  const { people } = clusterAuthor('Wei Zhang', linked);
  assert.equal(people.length, 1);
  assert.equal(people[0]?.paperIds.length, 6);
});

test('solo and huge-collaboration papers link nobody: placed only when the name is one person', () => {
  const crowd = Array.from({ length: MAX_LINKING_AUTHORS }, (_, i) => `Member ${i}`);
  const extra = [
    p('2601.00008', 'Wei Zhang'),
    p('2601.00009', 'Wei Zhang', 'Alice Smith', 'Chen Li', ...crowd),
  ];
  const two = clusterAuthor('Wei Zhang', [...PAPERS, ...extra]);
  assert.equal(two.people.length, 2, 'the big paper does not merge the two');
  assert.deepEqual(two.unplaced, ['2601.00008', '2601.00009']);
  const one = clusterAuthor('Wei Zhang', [PAPERS[0], PAPERS[1], ...extra] as typeof PAPERS);
  assert.equal(one.people.length, 1);
  assert.deepEqual(one.people[0]?.paperIds, [
    '2601.00001',
    '2601.00002',
    '2601.00008',
    '2601.00009',
  ]);
  assert.deepEqual(clusterAuthor('Nobody Here', PAPERS), { people: [], unplaced: [] });
});

test('a followed person matches new papers by the name sharing a co-author; the whole name matches any', () => {
  const [first, second] = clusterAuthor('Wei Zhang', PAPERS).people;
  assert.ok(first && second);
  const followFirst = { label: 'Wei Zhang', coauthors: first.coauthors };
  const followSecond = { label: 'Wei Zhang', coauthors: second.coauthors };
  const withBob = ['Wei Zhang', 'Bob Jones', 'New Person'];
  const withChen = ['W. Zhang', 'Chen Li'];
  const stranger = ['Wei Zhang', 'Frank Moon'];
  assert.equal(authorFollowMatches(followFirst, withBob), true);
  assert.equal(authorFollowMatches(followSecond, withBob), false);
  assert.equal(authorFollowMatches(followSecond, withChen), true, 'initials match the name');
  assert.equal(authorFollowMatches(followFirst, stranger), false);
  assert.equal(authorFollowMatches(followFirst, ['Wei Zhang']), false, 'a solo paper is nobody’s');
  assert.equal(
    authorFollowMatches(followFirst, ['Bob Jones', 'Alice Smith']),
    false,
    'not by the name',
  );
  const whole = { label: 'Wei Zhang' };
  for (const authors of [withBob, withChen, stranger, ['Wei Zhang']]) {
    assert.equal(authorFollowMatches(whole, authors), true);
  }
});
