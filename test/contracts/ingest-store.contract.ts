/**
 * The IngestStore contract: a harvested page's papers, their embedding-queue entries and the
 * source cursor commit together or not at all, and cursors count every committed page once —
 * also when two processes commit pages of one source at the same moment.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import { type ContractTarget, race } from './run-contract.ts';

export function ingestStoreContract({ make }: ContractTarget): void {
  let c: TestContainer;
  before(async () => {
    c = await make();
  });
  after(() => c.dispose());

  const cursor = (state: string) => ({ source: 't', set: 's', state, records: 1 });

  test('a page commits papers, their embedding-queue entries and the cursor together', async () => {
    const p = buildPaper();
    const outcome = await c.ingest.commitPage([p], cursor('one'));
    assert.deepEqual(outcome.changedIds, [p.id]);
    assert.deepEqual(await c.embeddingQueue.peek(10), [p.id]);
    const k = await c.ingest.getCursor('t', 's');
    assert.deepEqual([k?.state, k?.pages, k?.records], ['one', 1, 1]);
    assert.equal(k?.updatedAt, '2026-08-22T12:00:00.000Z');
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

  test('reset forgets a cursor; listCursors lists them by source and set', async () => {
    await c.ingest.commitPage([], { source: 'u', set: '', state: 'x', records: 0 });
    await c.ingest.commitPage([], { source: 'a', set: 'z', state: 'y', records: 0 });
    assert.deepEqual(
      (await c.ingest.listCursors()).map((k) => `${k.source}/${k.set}`),
      ['a/z', 't/s', 'u/'],
    );
    await c.ingest.resetCursor('u', '');
    assert.equal(await c.ingest.getCursor('u', ''), null);
    assert.equal((await c.ingest.listCursors()).length, 2);
  });

  test('pages of one source committed by two processes at once are each counted once', async () => {
    const other = await c.openAgain();
    const pages = Array.from({ length: 6 }, (_, i) => ({
      papers: [buildPaper(), buildPaper()],
      cursor: { source: 'race', set: '', state: `page ${i}`, records: 2 },
    }));
    await race(pages, (page, i) => (i % 2 ? other : c).ingest.commitPage(page.papers, page.cursor));
    const k = await c.ingest.getCursor('race', '');
    assert.deepEqual([k?.pages, k?.records], [6, 12]);
    for (const page of pages) {
      assert.equal((await c.papers.getMany(page.papers.map((p) => p.id))).length, 2);
    }
  });
}
