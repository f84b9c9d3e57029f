/**
 * The VectorIndex contract (pgvector on PostgreSQL, rows + usearch on SQLite): vectors stored per
 * model and read back exactly, nearest neighbours best first with cosine scores on a small fixed
 * set, what is missing and covered, other models pruned, and the embedding job on top of it.
 * Search ranking itself is not part of it (core/search and the search index's own tests).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embedPending } from '../../src/core/embeddings/embed-papers.ts';
import type { VectorIndex } from '../../src/core/search/ports.ts';
import { buildPaper } from '../factories.ts';
import { HashEmbedder } from '../hash-embedder.ts';
import type { ContractTarget } from './run-contract.ts';

/** A fixed set whose cosine similarities to X are 1, 0.8, 0.6, 0 and -1. */
const X = Float32Array.from([1, 0, 0, 0]);
const FIXED: [string, number[]][] = [
  ['2609.00001', [1, 0, 0, 0]],
  ['2609.00002', [0.8, 0.6, 0, 0]],
  ['2609.00003', [0, 1, 0, 0]],
  ['2609.00004', [0.6, 0, 0.8, 0]],
  ['2609.00005', [-1, 0, 0, 0]],
];

function near(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-5, `${actual} ≈ ${expected}`);
}

export function vectorIndexContract({ make }: ContractTarget): void {
  test('vectors round-trip exactly; search is nearest first with cosine scores; similarity is exact', async () => {
    const c = await make({ embedder: new HashEmbedder('fixed@1') });
    try {
      const vectors = c.search.vectors as VectorIndex;
      assert.equal(vectors.modelId, 'fixed@1');
      await c.papers.upsertMany(FIXED.map(([id]) => buildPaper({ id })));
      assert.deepEqual(await vectors.coverage(), { embedded: 0, papers: 5 });
      await vectors.put(
        FIXED.map(([paperId, v]) => ({
          paperId,
          vector: Float32Array.from(v),
          textHash: `h-${paperId}`,
        })),
      );
      assert.deepEqual(await vectors.coverage(), { embedded: 5, papers: 5 });
      assert.deepEqual(
        [...((await vectors.get('2609.00002')) ?? [])],
        [...Float32Array.from([0.8, 0.6, 0, 0])],
      );
      assert.equal(await vectors.get('2609.09999'), null);
      const many = await vectors.vectorsOf(['2609.00002', '2609.09999', '2609.00005']);
      assert.deepEqual([...many.keys()].sort(), ['2609.00002', '2609.00005']);
      assert.deepEqual(
        [...(many.get('2609.00002') ?? [])],
        [...Float32Array.from([0.8, 0.6, 0, 0])],
      );
      assert.equal((await vectors.vectorsOf([])).size, 0);

      const hits = await vectors.search(X, 3);
      assert.deepEqual(
        hits.map((h) => h.id),
        ['2609.00001', '2609.00002', '2609.00004'],
      );
      for (const [i, h] of hits.entries()) near(h.score, [1, 0.8, 0.6][i] ?? 0);
      const all = await vectors.search(X, 10);
      assert.deepEqual(
        all.map((h) => h.id),
        ['2609.00001', '2609.00002', '2609.00004', '2609.00003', '2609.00005'],
      );
      near(all[4]?.score, -1);

      const sims = await vectors.similarity(X, ['2609.00002', '2609.00005', '2609.09999']);
      assert.deepEqual([...sims.keys()].sort(), ['2609.00002', '2609.00005']);
      near(sims.get('2609.00002'), 0.8);
      near(sims.get('2609.00005'), -1);
      assert.deepEqual(
        await vectors.search(Float32Array.from([1, 0, 0]), 3),
        [],
        'another dimension finds nothing',
      );
      assert.equal((await vectors.similarity(Float32Array.from([1, 0]), ['2609.00001'])).size, 0);
    } finally {
      await c.dispose();
    }
  });

  test('a new vector replaces the old one; another process finds it; hashes and what is missing follow', async () => {
    const c = await make({ embedder: new HashEmbedder('fixed@1') });
    try {
      const vectors = c.search.vectors as VectorIndex;
      await c.papers.upsertMany([
        ...FIXED.map(([id]) => buildPaper({ id, submittedAt: `2026-09-0${id.at(-1)}T00:00:00Z` })),
        buildPaper({ id: '2609.00006', submittedAt: null }),
        buildPaper({ id: '2609.00007', submittedAt: '2026-09-20T00:00:00Z' }),
      ]);
      await vectors.put(
        FIXED.slice(0, 4).map(([paperId, v]) => ({
          paperId,
          vector: Float32Array.from(v),
          textHash: 'old',
        })),
      );
      await vectors.put([
        { paperId: '2609.00003', vector: Float32Array.from([-0.6, 0.8, 0, 0]), textHash: 'new' },
      ]);
      assert.deepEqual(
        await vectors.textHashes(['2609.00003', '2609.00001', '2609.00005']),
        new Map([
          ['2609.00003', 'new'],
          ['2609.00001', 'old'],
        ]),
      );
      assert.deepEqual(
        await vectors.missing(10),
        ['2609.00007', '2609.00005', '2609.00006'],
        'newest first, undated last',
      );
      assert.deepEqual(await vectors.missing(1), ['2609.00007']);
      assert.deepEqual(await vectors.coverage(), { embedded: 4, papers: 7 });

      const other = await c.openAgain({ embedder: new HashEmbedder('fixed@1') });
      const seen = other.search.vectors as VectorIndex;
      const far = await seen.search(Float32Array.from([-1, 0, 0, 0]), 1);
      assert.deepEqual(
        far.map((h) => h.id),
        ['2609.00003'],
        'the replaced vector, seen by another process',
      );
      near(far[0]?.score, 0.6);
      await seen.put([
        { paperId: '2609.00005', vector: Float32Array.from([-1, 0, 0, 0]), textHash: 'x' },
      ]);
      await vectors.sync();
      assert.deepEqual(
        (await vectors.search(Float32Array.from([-1, 0, 0, 0]), 1)).map((h) => h.id),
        ['2609.00005'],
      );
    } finally {
      await c.dispose();
    }
  });

  test('the embedding job embeds the backlog, skips unchanged texts, re-embeds changed papers', async () => {
    const embedder = new HashEmbedder();
    const c = await make({ embedder });
    try {
      const topics = [
        'quantum error correction codes',
        'protein folding structure',
        'speech recognition audio',
      ];
      await c.ingest.commitPage(
        Array.from({ length: 30 }, (_, i) =>
          buildPaper({
            id: `2602.${String(i).padStart(5, '0')}`,
            title: `${topics[i % 3]} study ${i}`,
            abstract: `We study ${topics[i % 3]}.`,
          }),
        ),
        null,
      );
      const deps = {
        queue: c.embeddingQueue,
        papers: c.papers,
        embedder,
        vectors: c.search.vectors as VectorIndex,
        log: c.log,
        batchSize: 8,
      };
      assert.equal((await embedPending(deps)).embedded, 30);
      assert.deepEqual(await deps.vectors.coverage(), { embedded: 30, papers: 30 });
      const [q] = await embedder.embed(['protein folding'], 'query');
      const top = await deps.vectors.search(q as Float32Array, 10);
      assert.equal(top.length, 10);
      assert.ok(
        top.every((h) => Number(h.id.slice(-2)) % 3 === 1),
        'the protein papers come first',
      );
      const p = await c.papers.get('2602.00000');
      assert.ok(p);
      await c.papers.upsertMany([{ ...p, community: { ...p.community, upvotes: 5 } }]);
      await c.embeddingQueue.enqueue(['2602.00000', '2602.00001']);
      const again = await embedPending(deps);
      assert.deepEqual([again.embedded, again.unchanged], [0, 2]);
      await c.ingest.commitPage(
        [{ ...p, version: 2, abstract: 'Speech recognition audio now.' }],
        null,
      );
      assert.equal((await embedPending(deps)).embedded, 1);
      assert.equal(await c.embeddingQueue.size(), 0);
    } finally {
      await c.dispose();
    }
  });

  test('a model change re-embeds in the background, then prunes the old model’s vectors', async () => {
    const c = await make({ embedder: new HashEmbedder('hash@1') });
    try {
      await c.ingest.commitPage(
        Array.from({ length: 25 }, (_, i) =>
          buildPaper({ id: `2603.${String(i).padStart(5, '0')}` }),
        ),
        null,
      );
      const old = c.search.vectors as VectorIndex;
      await embedPending({
        queue: c.embeddingQueue,
        papers: c.papers,
        embedder: new HashEmbedder('hash@1'),
        vectors: old,
        log: c.log,
      });
      const next = new HashEmbedder('hash@2');
      const switched = await c.openAgain({ embedder: next });
      const vectors = switched.search.vectors as VectorIndex;
      assert.deepEqual(await vectors.coverage(), { embedded: 0, papers: 25 });
      const deps = {
        queue: c.embeddingQueue,
        papers: c.papers,
        embedder: next,
        vectors,
        log: c.log,
        batchSize: 10,
      };
      const partial = await embedPending({ ...deps, max: 10 });
      assert.equal(partial.pruned, 0, 'old vectors stay until the new model covers every paper');
      assert.equal((await old.coverage()).embedded, 25);
      const rest = await embedPending(deps);
      assert.equal(rest.pruned, 25);
      assert.deepEqual(await old.coverage(), { embedded: 0, papers: 25 });
      assert.deepEqual(await vectors.coverage(), { embedded: 25, papers: 25 });
      assert.equal(await vectors.pruneOtherModels(), 0);
    } finally {
      await c.dispose();
    }
  });
}
