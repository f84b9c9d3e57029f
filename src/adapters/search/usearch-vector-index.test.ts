// usearch's own part of the embedded store's vectors: exact search below the limit, HNSW above
// it, and the graph file. What every engine's vectors do is the VectorIndex contract.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { HashEmbedder } from '../../../test/hash-embedder.ts';
import { fixedClock } from '../../core/clock.ts';
import { embedPending } from '../../core/embeddings/embed-papers.ts';
import { createMemoryLogger } from '../../log.ts';
import { openSqliteStore, type SqliteStore } from '../db/connect.ts';
import { UsearchVectorIndex } from './usearch-vector-index.ts';

let c: TestContainer;
const TOPICS = [
  'quantum error correction codes',
  'protein folding structure',
  'speech recognition audio',
];

before(async () => {
  c = await createTestContainer({ engine: 'sqlite', embedder: new HashEmbedder() });
  await c.papers.upsertMany(
    Array.from({ length: 60 }, (_, i) =>
      buildPaper({
        id: `2602.${String(i).padStart(5, '0')}`,
        title: `${TOPICS[i % 3]} study ${i}`,
        abstract: `We study ${TOPICS[i % 3]} in setting ${i}.`,
      }),
    ),
  );
  await embedPending({
    queue: c.embeddingQueue,
    papers: c.papers,
    embedder: c.search.embedder as HashEmbedder,
    vectors: c.search.vectors as UsearchVectorIndex,
    log: c.log,
  });
});
after(async () => {
  for (const store of stores) await store.close();
  await c.dispose();
});

/** A second store on the container's file, as another process has (WAL: sees every commit). */
const stores: SqliteStore[] = [];
const sqliteOf = (container: TestContainer) => {
  const store = openSqliteStore(join(container.dataDir, 'paperboy.db'));
  stores.push(store);
  return store.gate;
};

test('nearest neighbours: exact for small sets, HNSW above the limit, same answers', async () => {
  const db = sqliteOf(c);
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const exact = await UsearchVectorIndex.open(db, 'hash@1', clock, { dir: null });
  const hnsw = await UsearchVectorIndex.open(db, 'hash@1', clock, { dir: null, exactLimit: 10 });
  const [q] = await new HashEmbedder().embed(['protein folding structure'], 'query');
  assert.ok(q);
  const a = await exact.search(q, 10);
  const b = await hnsw.search(q, 10);
  assert.equal(a.length, 10);
  // many papers tie; the scores of the top 10 must agree
  assert.deepEqual(
    b.map((h) => h.score.toFixed(2)),
    a.map((h) => h.score.toFixed(2)),
  );
  const top = await c.papers.get(a[0]?.id ?? '');
  assert.match(top?.title ?? '', /protein/);
  const sims = await exact.similarity(q, [a[0]?.id ?? '']);
  assert.ok(Math.abs((sims.get(a[0]?.id ?? '') ?? 0) - (a[0]?.score ?? 0)) < 1e-4);
});

test('the HNSW file is saved beside the store and reloaded incrementally', async () => {
  const db = sqliteOf(c);
  const dir = join(c.dataDir, 'vectors-test');
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const one = await UsearchVectorIndex.open(db, 'hash@1', clock, { dir, exactLimit: 5 });
  await one.sync();
  assert.ok(existsSync(join(dir, 'hash_1.usearch')));
  await c.papers.upsertMany([
    buildPaper({ id: '2602.09999', title: 'Protein folding structure late' }),
  ]);
  const [v] = await new HashEmbedder().embed(['Protein folding structure late'], 'document');
  await one.put([{ paperId: '2602.09999', vector: v as Float32Array, textHash: 'x' }]);
  await one.close();
  const two = await UsearchVectorIndex.open(db, 'hash@1', clock, { dir, exactLimit: 5 });
  const hits = await two.search(v as Float32Array, 3);
  assert.equal(hits[0]?.id, '2602.09999');
});

test('a damaged index sidecar is logged and rebuilt from the store, with the same answers', async () => {
  const db = sqliteOf(c);
  const dir = join(c.dataDir, 'vectors-damaged');
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const one = await UsearchVectorIndex.open(db, 'hash@1', clock, { dir, exactLimit: 5 });
  await one.sync();
  const [q] = await new HashEmbedder().embed(['protein folding structure'], 'query');
  const before = await one.search(q as Float32Array, 5);
  await one.close();
  // (A damaged .usearch file itself crashes usearch's native load; its JSON sidecar throws.)
  writeFileSync(join(dir, 'hash_1.json'), '{"modelId": "hash@1", "dimen');
  const log = createMemoryLogger();
  const two = await UsearchVectorIndex.open(db, 'hash@1', clock, { dir, exactLimit: 5, log });
  assertSameRanking(await two.search(q as Float32Array, 5), before);
  const warned = log.entries.find(
    (e) => e.msg === 'vector index file unreadable; rebuilding it from the store',
  );
  assert.ok(warned, 'the damaged file is reported');
  await two.close();
});

/**
 * The same answers up to ties: the same scores in order, and the same papers above the last
 * score (papers tied with each other may come in any order, and a tie at the cut any of them).
 */
function assertSameRanking(
  got: { id: string; score: number }[],
  want: { id: string; score: number }[],
): void {
  assert.deepEqual(
    got.map((h) => h.score),
    want.map((h) => h.score),
  );
  const last = want.at(-1)?.score ?? 0;
  const above = (hits: { id: string; score: number }[]) =>
    hits
      .filter((h) => h.score > last)
      .map((h) => `${h.score}:${h.id}`)
      .sort();
  assert.deepEqual(above(got), above(want));
}
