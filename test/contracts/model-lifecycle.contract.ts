/**
 * The model lifecycle across processes: two containers on one store with the real static model.
 * A switch made through one (`model use`) reaches the other without a restart; the worker
 * re-embeds in batches while search answers from the old vectors; the new model serves once it
 * covers the store; the next run deletes the old vectors and index (files or HNSW index).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { HnswGraph } from '../../src/adapters/search/hnsw-graph.ts';
import { PgvectorVectorIndex } from '../../src/adapters/search/pgvector-vector-index.ts';
import { BUNDLED_STATIC_MODEL_PATH, type Container } from '../../src/container.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { decodeModel, encodeModel } from '../../src/core/embeddings/static/model-codec.ts';
import { switchStaticModel } from '../../src/core/embeddings/static/switch-static.ts';
import { searchPapers } from '../../src/core/search/search-papers.ts';
import { doctorChecks } from '../../src/interfaces/cli/commands/doctor.ts';
import { buildPaper } from '../factories.ts';
import type { ContractTarget } from './run-contract.ts';

const TOPICS = ['protein folding structure', 'speech recognition audio', 'graph neural networks'];
const PAPERS = 40;

/** The bundled model with one weight nudged: a real, different model (another content hash). */
function nudgedModel(): Uint8Array {
  const { model, info } = decodeModel(new Uint8Array(readFileSync(BUNDLED_STATIC_MODEL_PATH)));
  const vectors = Float32Array.from(model.vectors);
  vectors[0] = (vectors[0] ?? 0) + 0.25;
  return encodeModel({ ...model, vectors }, info);
}

/** Search through `c` answers, with the meaning side (vector neighbours) non-empty. */
async function answers(c: Container, why: string): Promise<void> {
  const serving = c.models.serving();
  assert.ok(serving, why);
  const [q] = await serving.query.embed(['protein folding'], 'query');
  const near = await serving.index.search(q as Float32Array, 5);
  assert.equal(near.length, 5, `${why}: vector neighbours from ${serving.ref.modelId}`);
  const result = await searchPapers(c.search, { query: 'protein folding', limit: 10 });
  assert.equal(result.mode, 'hybrid', why);
  assert.ok(result.hits.length > 0, `${why}: results`);
}

async function vectorCounts(db: unknown): Promise<Map<string, number>> {
  const rows = await sql<{ model_id: string; n: number }>`
    SELECT model_id, count(*) AS n FROM paper_vectors GROUP BY model_id`.execute(db as never);
  return new Map(rows.rows.map((r) => [r.model_id, Number(r.n)]));
}

export function modelLifecycleContract({ engine, make }: ContractTarget): void {
  test('a switch reaches another process without restart; search answers throughout; old vectors go', async () => {
    const worker = await make({ env: { PAPERBOY_EMBEDDER: 'static' } });
    try {
      await worker.ingest.commitPage(
        Array.from({ length: PAPERS }, (_, i) =>
          buildPaper({
            id: `2604.${String(i).padStart(5, '0')}`,
            title: `${TOPICS[i % 3]} study ${i}`,
            abstract: `We study ${TOPICS[i % 3]} with method ${i}.`,
          }),
        ),
        null,
      );
      const jobInput = { queue: worker.embeddingQueue, papers: worker.papers, log: worker.log };
      const first = await worker.models.step(jobInput);
      const oldId = first?.serving as string;
      assert.match(oldId, /^paperboy-static@[0-9a-f]{12}$/);
      const web = await worker.openAgain();
      assert.equal(web.models.serving()?.ref.modelId, oldId, 'the other process serves it too');
      await answers(web, 'before the switch');

      // `paperboy model use <version>` through the worker's container.
      const entry = await worker.staticModels.save(nudgedModel(), {
        createdAt: '2026-08-22T12:00:00Z',
        corpusSize: PAPERS,
        parameters: {},
        scores: {},
      });
      const { modelId: newId } = await switchStaticModel(
        worker.models,
        worker.staticModels,
        entry.version,
      );
      assert.notEqual(newId, oldId);
      await web.models.refresh();
      assert.equal(web.models.serving()?.ref.modelId, oldId, 'search stays on the old model');
      await answers(web, 'switch recorded, nothing re-embedded yet');

      // The embedding job re-embeds in batches; search answers from the old vectors meanwhile.
      const db = (await worker.openStore()).db;
      let steps = 0;
      for (;;) {
        const report = await worker.models.step({ ...jobInput, batchSize: 8, max: 16 });
        steps++;
        await web.models.refresh();
        if (report?.promoted) break;
        assert.equal(web.models.serving()?.ref.modelId, oldId, `step ${steps}: old model serves`);
        const doctor = (await doctorChecks(web)).find((check) => check.name === 'model switch');
        assert.match(
          doctor?.detail ?? '',
          new RegExp(`${16 * steps} of ${PAPERS} papers re-embedded`),
        );
        await answers(web, `re-embedding, step ${steps}`);
        assert.ok(steps < 10, 'the new model covers the store within a few batches');
      }
      assert.equal(steps, 3, '40 papers in batches of 16: the third covers the store');
      const counts = await vectorCounts(db);
      assert.deepEqual(
        [counts.get(oldId), counts.get(newId)],
        [PAPERS, PAPERS],
        'old vectors stay until every process had a chance to move',
      );
      assert.equal(web.models.serving()?.ref.modelId, newId, 'the other process moved');
      assert.equal(worker.models.serving()?.ref.modelId, newId);
      await answers(web, 'after the switch');

      // An index of the old model (a saved graph on SQLite, a pgvector HNSW index) …
      const vectorsDir = join(worker.dataDir, 'vectors');
      if (engine === 'sqlite') {
        const graph = HnswGraph.create(384, {});
        graph.add([{ docid: 1, vector: new Float32Array(384).fill(0.05) }]);
        graph.save(vectorsDir, oldId);
        assert.ok(existsSync(join(vectorsDir, `${oldId.replace('@', '_')}.usearch`)));
      } else {
        const old = new PgvectorVectorIndex(
          db as never,
          oldId,
          fixedClock('2026-08-22T12:00:00Z'),
          { exactLimit: 1 },
        );
        await old.sync();
        assert.equal(await hnswIndexes(db), 1);
      }
      // … and the old vectors go at the next run.
      const last = await worker.models.step(jobInput);
      assert.deepEqual([last?.embedded, last?.pruned], [0, PAPERS]);
      assert.deepEqual([...(await vectorCounts(db))], [[newId, PAPERS]]);
      if (engine === 'sqlite') {
        assert.equal(existsSync(join(vectorsDir, `${oldId.replace('@', '_')}.usearch`)), false);
        assert.equal(existsSync(join(vectorsDir, `${oldId.replace('@', '_')}.json`)), false);
      } else {
        assert.equal(await hnswIndexes(db), 0, 'the old model’s HNSW index is dropped');
      }
      await web.models.refresh();
      await answers(web, 'after the old vectors were removed');
      const again = await worker.models.step(jobInput);
      assert.deepEqual([again?.embedded, again?.pruned, again?.promoted], [0, 0, false]);
      // A process started now serves the new model at once.
      const late = await worker.openAgain();
      assert.equal(late.models.serving()?.ref.modelId, newId);
    } finally {
      await worker.dispose();
    }
  });

  test('a process that cannot open the serving model searches with the target, and still promotes it', async () => {
    const first = await make({ env: { PAPERBOY_EMBEDDER: 'static' } });
    try {
      await first.ingest.commitPage(
        Array.from({ length: 12 }, (_, i) =>
          buildPaper({ id: `2606.${String(i).padStart(5, '0')}`, title: `${TOPICS[i % 3]} ${i}` }),
        ),
        null,
      );
      const entry = await first.staticModels.save(nudgedModel(), {
        createdAt: '2026-08-22T12:00:00Z',
        corpusSize: 12,
        parameters: {},
        scores: {},
      });
      const nudged = await switchStaticModel(first.models, first.staticModels, entry.version);
      const jobInput = { queue: first.embeddingQueue, papers: first.papers, log: first.log };
      assert.equal((await first.models.step(jobInput))?.promoted, true);
      assert.equal(first.models.serving()?.ref.modelId, nudged.modelId);
      // Back to the bundled model; then the nudged file disappears from this host.
      const bundled = await switchStaticModel(first.models, first.staticModels, 'default');
      rmSync(join(first.dataDir, 'models', 'static', `static-${entry.version}.pbsm`));
      const second = await first.openAgain();
      assert.equal(
        second.models.serving()?.ref.modelId,
        bundled.modelId,
        'searches with the target',
      );
      const report = await second.models.step({ ...jobInput, log: second.log });
      assert.deepEqual([report?.embedded, report?.promoted], [12, true]);
      await first.models.refresh();
      assert.equal(first.models.serving()?.ref.modelId, bundled.modelId);
    } finally {
      await first.dispose();
    }
  });

  test('progress totals count a queued paper without a vector once', async () => {
    const c = await make({ env: { PAPERBOY_EMBEDDER: 'static' } });
    try {
      await c.ingest.commitPage(
        Array.from({ length: 30 }, (_, i) =>
          buildPaper({ id: `2605.${String(i).padStart(5, '0')}` }),
        ),
        null,
      );
      assert.equal(await c.embeddingQueue.size(), 30, 'import queues them');
      const totals: number[] = [];
      let advanced = 0;
      await c.models.step({
        queue: c.embeddingQueue,
        papers: c.papers,
        log: c.log,
        batchSize: 7,
        progress: (_label, total) => {
          totals.push(total ?? -1);
          return {
            advance: (n) => {
              advanced += n;
            },
            done() {},
          };
        },
      });
      assert.deepEqual(totals, [30], 'not 60');
      assert.equal(advanced, 30);
    } finally {
      await c.dispose();
    }
  });
}

async function hnswIndexes(db: unknown): Promise<number> {
  const rows = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_indexes WHERE indexname LIKE 'paper_vectors_hnsw_%'`.execute(
    db as never,
  );
  return Number(rows.rows[0]?.n ?? 0);
}
