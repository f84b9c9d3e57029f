import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';

let c: TestContainer;
before(async () => {
  c = await createTestContainer();
});
after(() => c.dispose());

const cursor = (state: string) => ({ source: 't', set: 's', state, records: 1 });

test('a page commits papers, their embedding-queue entries and the cursor together', async () => {
  const p = buildPaper();
  const outcome = await c.ingest.commitPage([p], cursor('one'));
  assert.deepEqual(outcome.changedIds, [p.id]);
  assert.deepEqual(await c.embeddingQueue.peek(10), [p.id]);
  const k = await c.ingest.getCursor('t', 's');
  assert.equal(k?.state, 'one');
  assert.equal(k?.pages, 1);
  await c.ingest.commitPage([p], cursor('two'));
  const again = await c.ingest.getCursor('t', 's');
  assert.deepEqual([again?.state, again?.pages, again?.records], ['two', 2, 2]);
});

test('a failing page stores none of its papers and does not move the cursor', async () => {
  const good = buildPaper();
  const bad = buildPaper({ title: null as unknown as string });
  await assert.rejects(c.ingest.commitPage([good, bad], cursor('three')));
  assert.equal(await c.papers.get(good.id), null);
  assert.equal((await c.ingest.getCursor('t', 's'))?.state, 'two');
  assert.ok(!(await c.embeddingQueue.peek(100)).includes(good.id));
});

test('reset forgets the cursor; listCursors lists them', async () => {
  await c.ingest.commitPage([], { source: 'u', set: '', state: 'x', records: 0 });
  assert.deepEqual(
    (await c.ingest.listCursors()).map((k) => `${k.source}/${k.set}`),
    ['t/s', 'u/'],
  );
  await c.ingest.resetCursor('u', '');
  assert.equal(await c.ingest.getCursor('u', ''), null);
});
