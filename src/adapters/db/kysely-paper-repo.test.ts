// SQLite's own part of storing papers: its search triggers. What every engine does with papers is
// the PaperRepo contract (test/contracts/paper-repo.contract.ts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, rawSqlite, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { openSqliteStore } from './connect.ts';

let c: TestContainer;
before(async () => {
  c = await createTestContainer({ engine: 'sqlite' });
});
after(() => c.dispose());

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
