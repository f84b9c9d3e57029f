import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { HashEmbedder } from '../../../test/hash-embedder.ts';
import { embedPending } from '../embeddings/embed-papers.ts';
import { findNewMatches } from './find-new-matches.ts';

let c: TestContainer;

before(async () => {
  c = await createTestContainer({ embedder: new HashEmbedder() });
  await c.papers.upsertMany([
    buildPaper({
      id: '2608.00010',
      title: 'Car detection old',
      abstract: 'Car detection.',
      submittedAt: '2026-07-01T00:00:00Z',
    }),
    buildPaper({
      id: '2608.00011',
      title: 'Car detection new',
      abstract: 'Car detection in cities.',
      submittedAt: '2026-08-20T09:00:00Z',
    }),
    buildPaper({
      id: '2608.00012',
      title: 'Automobile perception',
      abstract: 'Automobile lidar.',
      submittedAt: '2026-08-21T09:00:00Z',
    }),
    buildPaper({
      id: '2608.00013',
      title: 'Protein design',
      abstract: 'Proteins.',
      submittedAt: '2026-08-21T10:00:00Z',
    }),
  ]);
  await c.embeddingQueue.enqueue(['2608.00010', '2608.00011', '2608.00012', '2608.00013']);
  await embedPending({
    queue: c.embeddingQueue,
    papers: c.papers,
    embedder: c.search.embedder as HashEmbedder,
    vectors: c.search.vectors as NonNullable<typeof c.search.vectors>,
    log: c.log,
  });
});
after(() => c.dispose());

test('new papers since a time, keyword and meaning matches, with scores', async () => {
  const matches = await findNewMatches(c.search, {
    query: 'car',
    since: '2026-08-01T00:00:00Z',
    limit: 10,
    minSimilarity: 0.3,
  });
  const ids = matches.map((m) => m.paper.id);
  assert.ok(ids.includes('2608.00011'), 'keyword match since');
  assert.ok(ids.includes('2608.00012'), 'meaning-only match (automobile ~ car)');
  assert.ok(!ids.includes('2608.00010'), 'older than since');
  assert.ok(!ids.includes('2608.00013'), 'unrelated');
  assert.equal(matches.find((m) => m.paper.id === '2608.00012')?.matchedBy, 'semantic');
  for (let i = 1; i < matches.length; i++)
    assert.ok((matches[i - 1]?.score ?? 0) >= (matches[i]?.score ?? 0));
});

test('the since instant is exact, filters apply, and a high bar drops meaning-only matches', async () => {
  const late = await findNewMatches(c.search, {
    query: 'car',
    since: '2026-08-21T00:00:00Z',
    limit: 10,
    minSimilarity: 0.99,
  });
  assert.deepEqual(
    late.map((m) => m.paper.id),
    [],
  );
  const filtered = await findNewMatches(c.search, {
    query: 'car cat:math.*',
    since: '2026-08-01T00:00:00Z',
    limit: 10,
  });
  assert.deepEqual(filtered, []);
});
