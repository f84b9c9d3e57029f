/**
 * The PaperRepo contract (with the author index, which reads the same rows): what storing,
 * merging and listing papers means on every engine — round trips, atomic batches, the feeds'
 * order for a day, a week and a month, keyset listing, and writers racing on the same papers.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getFeed } from '../../src/core/feed-periods/get-feed.ts';
import { dayPeriod, monthPeriod, weekPeriod } from '../../src/core/feed-periods/period.ts';
import type { TestContainer } from '../db.ts';
import { buildFeaturedPaper, buildPaper } from '../factories.ts';
import { type ContractTarget, race } from './run-contract.ts';

export function paperRepoContract({ make }: ContractTarget): void {
  let c: TestContainer;
  before(async () => {
    c = await make();
  });
  after(() => c.dispose());

  test('an empty store has no papers and no featured days', async () => {
    const empty = await make();
    try {
      assert.equal(await empty.papers.count(), 0);
      assert.equal(await empty.papers.latestFeaturedDay(), null);
      assert.deepEqual(await empty.papers.adjacentFeaturedDays('2026-07-01'), {
        previous: null,
        next: null,
      });
      assert.deepEqual(await empty.papers.listAfter(null, 10), []);
      const page = await empty.papers.listFeatured(
        { from: '2000-01-01', to: '2100-01-01' },
        { limit: 5, offset: 0 },
      );
      assert.deepEqual(page, { items: [], total: 0 });
    } finally {
      await empty.dispose();
    }
  });

  test('a paper round-trips through the store unchanged', async () => {
    const paper = buildPaper({
      id: 'hep-th/9901001',
      doi: '10.1000/x',
      title: 'Ünïcode “quotes” — and 数学 in a title',
      versions: [
        { version: 1, submittedAt: '1999-01-01T00:00:00Z' },
        { version: 2, submittedAt: '1999-02-01T00:00:00Z' },
      ],
      version: 2,
    });
    const outcome = await c.papers.upsertMany([paper]);
    assert.deepEqual(outcome, {
      inserted: 1,
      updated: 0,
      unchanged: 0,
      changedIds: ['hep-th/9901001'],
    });
    assert.deepEqual(await c.papers.get('hep-th/9901001'), paper);
    assert.equal(await c.papers.get('0000.00000'), null);
  });

  test('upserting the same papers again changes nothing', async () => {
    const papers = [buildPaper(), buildPaper()];
    await c.papers.upsertMany(papers);
    const again = await c.papers.upsertMany(
      papers.map((p) => ({ ...p, provenance: { ...p.provenance, fetchedAt: 'later' } })),
    );
    assert.deepEqual(again, { inserted: 0, updated: 0, unchanged: 2, changedIds: [] });
  });

  test('a batch with the same id twice stores one merged paper', async () => {
    const p = buildPaper({ version: 1 });
    const outcome = await c.papers.upsertMany([p, { ...p, version: 2, title: 'v2 title' }]);
    assert.equal(outcome.inserted, 1);
    assert.equal(outcome.updated, 1);
    assert.equal((await c.papers.get(p.id))?.title, 'v2 title');
  });

  test('a failing batch stores nothing of itself', async () => {
    const before = await c.papers.count();
    const good = buildPaper();
    const bad = buildPaper({ title: null as unknown as string });
    await assert.rejects(c.papers.upsertMany([good, bad]));
    assert.equal(await c.papers.count(), before);
    assert.equal(await c.papers.get(good.id), null);
  });

  test('text with a NUL character is refused with a clear error, and the batch stores nothing', async () => {
    const good = buildPaper();
    const bad = buildPaper({ abstract: 'broken \u0000 text' });
    await assert.rejects(c.papers.upsertMany([good, bad]), /NUL character/);
    assert.equal(await c.papers.get(good.id), null);
  });

  test('getMany keeps the requested order and skips unknown ids; count is a number', async () => {
    const [a, b] = [buildPaper(), buildPaper()];
    await c.papers.upsertMany([a, b]);
    const got = await c.papers.getMany([b.id, 'nope', a.id, b.id]);
    assert.deepEqual(
      got.map((p) => p.id),
      [b.id, a.id, b.id],
    );
    assert.equal(typeof (await c.papers.count()), 'number');
  });

  test('listAfter walks every paper once, in id order (old-style ids too)', async () => {
    const store = await make();
    try {
      const ids = ['2601.00002', 'hep-th/9901001', '0704.0001', 'cond-mat/0001001', '2601.00010'];
      await store.papers.upsertMany(ids.map((id) => buildPaper({ id })));
      const seen: string[] = [];
      for (let after: string | null = null; ; ) {
        const page = await store.papers.listAfter(after, 2);
        if (page.length === 0) break;
        seen.push(...page.map((p) => p.id));
        after = page[page.length - 1]?.id ?? null;
      }
      assert.deepEqual(seen, [...ids].sort());
    } finally {
      await store.dispose();
    }
  });

  test('feeds list a day, a week and a month most upvoted first (local votes count); ties by day, rank (unranked last), id', async () => {
    const store = await make();
    try {
      const at = (day: string, upvotes: number, id: string, rank: number | null = null) => {
        const p = buildFeaturedPaper(day, upvotes, { id });
        return {
          ...p,
          community: { ...p.community, featuredDays: [{ day, rank, featuredAt: null }] },
        };
      };
      await store.papers.upsertMany([
        at('2026-07-01', 5, '2607.00001', 2),
        at('2026-07-01', 50, '2607.00002'),
        at('2026-07-02', 500, '2607.00003', 1),
        at('2026-07-05', 1, '2607.00004'),
        at('2026-07-01', 4, '2607.00005'),
        at('2026-07-02', 5, '2607.00006', 3),
        at('2026-06-30', 3, '2606.00007'),
        at('2026-07-13', 10, '2607.00008'),
      ]);
      const voter = await store.community.users.create({
        id: 'u-voter',
        email: 'voter@example.org',
        handle: 'voter',
        displayName: 'Voter',
        role: 'reader',
        createdAt: '2026-07-01T00:00:00Z',
      });
      await store.community.votes.toggle(voter.id, '2607.00005', '2026-07-01T10:00:00Z');
      const ids = (items: { paper: { id: string } }[]) => items.map((i) => i.paper.id);
      const page = { limit: 20, offset: 0 };

      const day = await getFeed(store.papers, dayPeriod('2026-07-01'), page);
      assert.deepEqual(ids(day.items), ['2607.00002', '2607.00001', '2607.00005']);
      assert.equal(day.total, 3);
      assert.equal(typeof day.total, 'number');
      assert.deepEqual([day.previous?.label, day.next?.label], ['2026-06-30', '2026-07-02']);

      const week = await getFeed(store.papers, weekPeriod('2026-W27'), page);
      const weekOrder = [
        '2607.00003',
        '2607.00002',
        '2607.00006',
        '2607.00001',
        '2607.00005',
        '2606.00007',
        '2607.00004',
      ];
      assert.deepEqual(ids(week.items), weekOrder);
      assert.deepEqual([week.previous, week.next?.label], [null, '2026-W28']);
      const second = await getFeed(store.papers, weekPeriod('2026-W27'), { limit: 3, offset: 3 });
      assert.deepEqual(ids(second.items), weekOrder.slice(3, 6));
      assert.equal(second.total, 7);

      const month = await getFeed(store.papers, monthPeriod('2026-07'), page);
      assert.deepEqual(ids(month.items), [
        '2607.00003',
        '2607.00002',
        '2607.00008',
        '2607.00006',
        '2607.00001',
        '2607.00005',
        '2607.00004',
      ]);
      assert.deepEqual([month.previous?.label, month.next], ['2026-06', null]);

      assert.equal(await store.papers.latestFeaturedDay(), '2026-07-13');
      assert.deepEqual(await store.papers.adjacentFeaturedDays('2026-07-02'), {
        previous: '2026-07-01',
        next: '2026-07-05',
      });
      assert.deepEqual(await store.papers.adjacentFeaturedDays('2026-06-30'), {
        previous: null,
        next: '2026-07-01',
      });
    } finally {
      await store.dispose();
    }
  });

  test('large batches (several multi-row statements) insert, then update with merged versions and days', async () => {
    const papers = Array.from({ length: 1203 }, (_, i) =>
      buildPaper({ id: `2605.${String(i).padStart(5, '0')}` }),
    );
    const first = await c.papers.upsertMany(papers);
    assert.equal(first.inserted, 1203);
    const revised = papers.map((p, i) =>
      i % 2 === 0
        ? {
            ...p,
            version: 2,
            title: `${p.title} v2`,
            versions: [{ version: 2, submittedAt: '2026-02-01T00:00:00.000Z' }],
          }
        : p,
    );
    const featured = buildFeaturedPaper('2026-02-02', 7, { id: '2605.00001' });
    const second = await c.papers.upsertMany([...revised, featured]);
    assert.deepEqual([second.inserted, second.updated, second.unchanged], [0, 603, 601]);
    const even = await c.papers.get('2605.00000');
    assert.equal(even?.title.endsWith(' v2'), true);
    assert.deepEqual(
      even?.versions.map((v) => v.version),
      [1, 2],
    );
    const odd = await c.papers.get('2605.00001');
    assert.equal(odd?.community.upvotes, 7);
    assert.deepEqual(odd?.community.featuredDays, [
      { day: '2026-02-02', rank: null, featuredAt: null },
    ]);
    assert.equal(odd?.title, papers[1]?.title, 'arXiv keeps the bibliographic fields');
  });

  test('two writers merging the same papers at once store each paper once, with both changes', async () => {
    const other = await c.openAgain();
    const ids = Array.from({ length: 40 }, (_, i) => `2604.${String(i).padStart(5, '0')}`);
    const arxiv = ids.map((id) => buildPaper({ id }));
    const hf = ids.map((id, i) => buildFeaturedPaper('2026-04-02', i, { id }));
    const outcomes = await race([arxiv, hf], (batch, i) =>
      (i === 0 ? c : other).papers.upsertMany(batch),
    );
    assert.equal(
      outcomes.reduce((n, o) => n + o.inserted, 0),
      40,
      'each paper inserted once',
    );
    const stored = await c.papers.getMany(ids);
    assert.equal(stored.length, 40);
    for (const [i, p] of stored.entries()) {
      assert.equal(p.title, arxiv[i]?.title);
      assert.equal(p.community.upvotes, i);
      assert.deepEqual(p.community.featuredDays, [
        { day: '2026-04-02', rank: null, featuredAt: null },
      ]);
    }
  });

  test('the author index lists an author’s papers newest first (undated last), under the name most papers write', async () => {
    const store = await make();
    try {
      const by = (id: string, submittedAt: string | null, authors: string[]) =>
        buildPaper({ id, submittedAt, authors });
      await store.papers.upsertMany([
        by('2601.00001', '2026-01-01T00:00:00Z', ['Émilie du Châtelet', 'Ada Lovelace']),
        by('2603.00002', '2026-03-01T00:00:00Z', ['X Y', 'émilie du châtelet']),
        by('2601.00003', null, ['Émilie du Châtelet']),
        by('2602.00004', '2026-02-01T00:00:00Z', ['Émilie  du Châtelet ']),
        by('2602.00005', '2026-02-02T00:00:00Z', ['Someone Else']),
      ]);
      const key = 'émilie du châtelet';
      const all = await store.community.authors.papersBy(key, { limit: 10, offset: 0 });
      assert.deepEqual(all, {
        name: 'Émilie du Châtelet',
        ids: ['2603.00002', '2602.00004', '2601.00001', '2601.00003'],
        total: 4,
      });
      const page = await store.community.authors.papersBy(key, { limit: 2, offset: 2 });
      assert.deepEqual(page.ids, ['2601.00001', '2601.00003']);
      // A new byline replaces the old one in the index.
      const p = await store.papers.get('2601.00001');
      assert.ok(p);
      await store.papers.upsertMany([{ ...p, version: 2, authors: ['Ada Lovelace'] }]);
      assert.equal(
        (await store.community.authors.papersBy(key, { limit: 10, offset: 0 })).total,
        3,
      );
      assert.deepEqual(await store.community.authors.papersBy('nobody', { limit: 5, offset: 0 }), {
        name: null,
        ids: [],
        total: 0,
      });
    } finally {
      await store.dispose();
    }
  });
}
