import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import type { Job } from '../../core/jobs/model.ts';
import { buildJobs } from './jobs/index.ts';
import { startWorker } from './loop.ts';

let c: TestContainer;
before(async () => {
  c = await createTestContainer();
});
after(() => c.dispose());

test('the worker registers its jobs, runs the due ones and stops cleanly', async () => {
  const ran: string[] = [];
  const jobs: Job[] = ['a', 'b'].map((name) => ({
    name: `loop:${name}`,
    everyMs: 60_000,
    async run() {
      ran.push(name);
      return undefined;
    },
  }));
  const worker = await startWorker({
    jobs,
    schedules: c.schedules,
    clock: c.clock,
    log: c.logs,
    tickMs: 60_000,
  });
  await worker.runOnce();
  await worker.runOnce();
  await worker.stop();
  assert.deepEqual(ran.sort(), ['a', 'b']);
  const names = (await c.schedules.list()).map((s) => s.name);
  assert.ok(names.includes('loop:a') && names.includes('loop:b'));
});

test('stop() aborts a long job and waits for it', async () => {
  let aborted = false;
  let started: () => void = () => {};
  const running = new Promise<void>((r) => {
    started = r;
  });
  const job: Job = {
    name: 'loop:long',
    everyMs: 60_000,
    run: ({ signal }) =>
      new Promise((resolve) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          resolve(undefined);
        });
        started();
      }),
  };
  const worker = await startWorker({
    jobs: [job],
    schedules: c.schedules,
    clock: c.clock,
    log: c.logs,
    tickMs: 60_000,
  });
  const once = worker.runOnce();
  await running;
  await worker.stop();
  await once;
  assert.ok(aborted);
});

test('the built-in store upkeep job runs and builds the keyword index', async () => {
  const worker = await startWorker({
    jobs: buildJobs(c),
    schedules: c.schedules,
    clock: c.clock,
    log: c.logs,
    tickMs: 60_000,
  });
  await worker.runOnce();
  await worker.stop();
  const s = await c.schedules.get('store:optimize');
  assert.ok(s?.lastSuccessAt, JSON.stringify(s));
  const keyword = (await c.health.checks()).find((check) => check.name === 'keyword index');
  assert.match(keyword?.detail ?? '', /impact-ordered index covers \d+ papers/);
});
