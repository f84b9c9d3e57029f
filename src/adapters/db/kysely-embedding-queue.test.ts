import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';

let c: TestContainer;
before(async () => {
  c = await createTestContainer();
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
});

test('the demo seed queues every demo paper in the same transactions', async () => {
  const demo = await createTestContainer({ env: { PAPERBOY_DEMO: 'true' } });
  try {
    await demo.seedDemo();
    const papers = await demo.papers.count();
    assert.ok(papers > 1000);
    assert.equal(await demo.embeddingQueue.size(), papers);
  } finally {
    await demo.dispose();
  }
});
