import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { ingestSource } from './ingest-source.ts';
import type { Source } from './ports.ts';

let c: TestContainer;
before(async () => {
  c = await createTestContainer();
});
after(() => c.dispose());

/** A source of `pages` pages of 3 papers; aborts `controller` after page `abortAfter`. */
function counting(pages: number, controller?: AbortController, abortAfter = 0): Source {
  return {
    name: 'test',
    set: 'abort',
    async *harvest(state) {
      for (let i = Number(state ?? 0); i < pages; i++) {
        if (controller && i === abortAfter) controller.abort();
        yield {
          records: [1, 2, 3].map((n) => ({
            line: n,
            paper: buildPaper({ id: `2603.${String(i * 3 + n).padStart(5, '0')}` }),
          })),
          state: String(i + 1),
        };
      }
    },
  };
}

test('a shutdown stops after the page in hand; the next run continues from it', async () => {
  const controller = new AbortController();
  const first = await ingestSource({
    source: counting(5, controller, 1),
    store: c.ingest,
    signal: controller.signal,
  });
  assert.equal(first.stopped, true);
  assert.equal(first.pages, 2);
  const second = await ingestSource({ source: counting(5), store: c.ingest });
  assert.deepEqual([second.stopped, second.pages, second.inserted], [false, 3, 9]);
  assert.equal(await c.papers.count(), 15);
});

test('a rejected record is reported; the rest of its page is stored', async () => {
  const source: Source = {
    name: 'test',
    set: 'reject',
    async *harvest() {
      yield {
        records: [
          { line: 1, paper: buildPaper({ id: '2604.00001' }) },
          { line: 2, error: 'bad' },
        ],
        state: 'done',
      };
    },
  };
  const report = await ingestSource({ source, store: c.ingest });
  assert.deepEqual(report.rejected, [{ line: 2, error: 'bad' }]);
  assert.equal(report.inserted, 1);
});
