import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, rawSqlite, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { openSqliteStore } from './connect.ts';

let c: TestContainer;
before(async () => {
  c = await createTestContainer();
});
after(() => c.dispose());

test('a paper round-trips through the store unchanged', async () => {
  const paper = buildPaper({
    id: 'hep-th/9901001',
    doi: '10.1000/x',
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

test('featured lists are ordered by upvotes and bounded by the range', async () => {
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-07-01', 5, { id: '2607.00001' }),
    buildFeaturedPaper('2026-07-01', 50, { id: '2607.00002' }),
    buildFeaturedPaper('2026-07-02', 500, { id: '2607.00003' }),
    buildFeaturedPaper('2026-07-05', 1, { id: '2607.00004' }),
  ]);
  const day = await c.papers.listFeatured(
    { from: '2026-07-01', to: '2026-07-01' },
    { limit: 10, offset: 0 },
  );
  assert.deepEqual(
    day.items.map((i) => i.paper.id),
    ['2607.00002', '2607.00001'],
  );
  assert.equal(day.total, 2);
  const page2 = await c.papers.listFeatured(
    { from: '2026-07-01', to: '2026-07-31' },
    { limit: 2, offset: 2 },
  );
  assert.deepEqual(
    page2.items.map((i) => i.paper.id),
    ['2607.00001', '2607.00004'],
  );
  assert.equal(page2.total, 4);
  assert.deepEqual(await c.papers.adjacentFeaturedDays('2026-07-02'), {
    previous: '2026-07-01',
    next: '2026-07-05',
  });
  assert.deepEqual(await c.papers.adjacentFeaturedDays('2026-07-01'), {
    previous: null,
    next: '2026-07-02',
  });
  assert.equal(await c.papers.latestFeaturedDay(), '2026-07-05');
});

test('getMany keeps the requested order and skips unknown ids', async () => {
  const [a, b] = [buildPaper(), buildPaper()];
  await c.papers.upsertMany([a, b]);
  const got = await c.papers.getMany([b.id, 'nope', a.id]);
  assert.deepEqual(
    got.map((p) => p.id),
    [b.id, a.id],
  );
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

test('text-index triggers see title changes; community-only updates leave the text alone', async () => {
  const p = buildPaper({ id: '2606.00001', title: 'Zebra lattices' });
  await c.papers.upsertMany([p]);
  const hf = buildFeaturedPaper('2026-06-02', 40, { id: p.id, title: 'Zebra lattices' });
  assert.equal((await c.papers.upsertMany([hf])).updated, 1);
  await c.papers.upsertMany([{ ...p, version: 2, title: 'Giraffe lattices' }]);
  const store = openSqliteStore(`${c.dataDir}/paperboy.db`);
  try {
    const sqlite = await rawSqlite(store);
    const match = (q: string) =>
      sqlite.prepare('SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH ?').get(q);
    assert.deepEqual(match('giraffe'), { n: 1 });
    assert.deepEqual(match('zebra'), { n: 0 });
    sqlite.prepare("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)").run();
  } finally {
    await store.close();
  }
  assert.equal((await c.papers.get(p.id))?.community.upvotes, 40);
});

test('brief: id, first submission and imported upvotes in one read; null when absent', async () => {
  const paper = buildFeaturedPaper('2026-08-20', 42, { submittedAt: '2026-08-19T10:00:00Z' });
  await c.papers.upsertMany([paper]);
  assert.deepEqual(await c.papers.brief(paper.id), {
    id: paper.id,
    submittedAt: '2026-08-19T10:00:00Z',
    upvotes: 42,
  });
  assert.equal(await c.papers.brief('2608.99999'), null);
});
