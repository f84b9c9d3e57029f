import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { importPapers } from '../../core/papers/import-papers.ts';

let c: TestContainer;
before(async () => {
  c = await createTestContainer();
});
after(() => c.dispose());

async function* records(papers: ReturnType<typeof buildPaper>[]) {
  let line = 0;
  for (const paper of papers) yield { line: ++line, paper };
}

test('imports queue what they insert or change, once, and nothing when unchanged', async () => {
  const first = buildPaper();
  const papers = [first, buildPaper(), buildPaper()];
  const afterBatch = (ids: string[]) => c.embeddingQueue.enqueue(ids);
  await importPapers(records(papers), c.papers, { afterBatch, batchSize: 2 });
  assert.equal(await c.embeddingQueue.size(), 3);
  await importPapers(records(papers), c.papers, { afterBatch });
  assert.equal(await c.embeddingQueue.size(), 3, 'unchanged papers are not queued again');
  assert.deepEqual((await c.embeddingQueue.peek(10)).sort(), papers.map((p) => p.id).sort());
  await c.embeddingQueue.remove(papers.slice(0, 2).map((p) => p.id));
  assert.deepEqual(await c.embeddingQueue.peek(10), [papers[2]?.id]);
  await importPapers(records([{ ...first, title: 'Changed title', version: 2 }]), c.papers, {
    afterBatch,
  });
  assert.equal(await c.embeddingQueue.size(), 2, 'a changed paper is queued again');
});
