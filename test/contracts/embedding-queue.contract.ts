/**
 * The EmbeddingQueue contract: ingestion queues what it inserts or changes (once), the embedding
 * job peeks oldest first and removes what it stored; the demo seed queues the whole corpus.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/core/clock.ts';
import type { TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import type { ContractTarget } from './run-contract.ts';

export function embeddingQueueContract({ make }: ContractTarget): void {
  let c: TestContainer;
  before(async () => {
    c = await make();
  });
  after(() => c.dispose());

  test('committed pages queue what they insert or change, once, and nothing when unchanged', async () => {
    const first = buildPaper();
    const papers = [first, buildPaper(), buildPaper()];
    await c.ingest.commitPage(papers.slice(0, 2), null);
    await c.ingest.commitPage(papers.slice(2), null);
    assert.equal(await c.embeddingQueue.size(), 3);
    await c.ingest.commitPage(papers, null);
    assert.equal(await c.embeddingQueue.size(), 3, 'unchanged papers are not queued again');
    assert.deepEqual((await c.embeddingQueue.peek(10)).sort(), papers.map((p) => p.id).sort());
    await c.embeddingQueue.remove(papers.slice(0, 2).map((p) => p.id));
    assert.deepEqual(await c.embeddingQueue.peek(10), [papers[2]?.id]);
    await c.ingest.commitPage([{ ...first, title: 'Changed title', version: 2 }], null);
    assert.equal(await c.embeddingQueue.size(), 2, 'a changed paper is queued again');
    await c.embeddingQueue.remove([first.id, papers[2]?.id ?? '']);
  });

  test('peek gives the oldest entries first (ties by id); enqueueing again keeps the place', async () => {
    const store = await make({ clock: fixedClock('2026-08-01T00:00:00Z') });
    try {
      const later = await store.openAgain({ clock: fixedClock('2026-08-02T00:00:00Z') });
      await store.papers.upsertMany(
        ['2601.00003', '2601.00001', '2601.00002'].map((id) => buildPaper({ id })),
      );
      await later.embeddingQueue.enqueue(['2601.00003']);
      await store.embeddingQueue.enqueue(['2601.00002', '2601.00001']);
      await later.embeddingQueue.enqueue(['2601.00001']);
      assert.deepEqual(await store.embeddingQueue.peek(10), [
        '2601.00001',
        '2601.00002',
        '2601.00003',
      ]);
      assert.deepEqual(await store.embeddingQueue.peek(2), ['2601.00001', '2601.00002']);
      assert.equal(typeof (await store.embeddingQueue.size()), 'number');
    } finally {
      await store.dispose();
    }
  });

  test('removing more ids than one statement takes empties the queue', async () => {
    const store = await make();
    try {
      const papers = Array.from({ length: 1100 }, (_, i) =>
        buildPaper({ id: `2603.${String(i).padStart(5, '0')}` }),
      );
      await store.ingest.commitPage(papers, null);
      assert.equal(await store.embeddingQueue.size(), 1100);
      await store.embeddingQueue.remove(papers.map((p) => p.id));
      assert.equal(await store.embeddingQueue.size(), 0);
    } finally {
      await store.dispose();
    }
  });

  test('the demo seed queues every demo paper in the same transactions', async () => {
    const demo = await make({ env: { PAPERBOY_DEMO: 'true' } });
    try {
      await demo.seedDemo();
      const papers = await demo.papers.count();
      assert.ok(papers > 1000);
      assert.equal(await demo.embeddingQueue.size(), papers);
      await demo.seedDemo();
      assert.equal(await demo.papers.count(), papers, 'a second start seeds nothing');
    } finally {
      await demo.dispose();
    }
  });
}
