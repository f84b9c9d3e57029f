import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { fixedClock } from '../clock.ts';
import { createError } from '../errors.ts';
import { backoffMs, type Job } from './model.ts';
import { runJobIfDue } from './run-job.ts';

const clock = fixedClock('2026-08-22T12:00:00Z');
let c: TestContainer;
before(async () => {
  c = await createTestContainer({ clock });
});
after(() => c.dispose());

function job(name: string, run: Job['run'], everyMs = 3_600_000): Job {
  return { name, everyMs, run };
}

const input = (j: Job, owner = 'w1') => ({
  job: j,
  repo: c.schedules,
  clock,
  log: c.logs,
  owner,
  signal: new AbortController().signal,
});

test('a due job runs once and is rescheduled after its interval', async () => {
  let runs = 0;
  const j = job('t:ok', async () => {
    runs++;
    return undefined;
  });
  await c.schedules.register([j.name], clock.now());
  assert.equal(await runJobIfDue(input(j)), 'ok');
  assert.equal(await runJobIfDue(input(j)), 'skipped', 'not due again yet');
  assert.equal(runs, 1);
  const s = await c.schedules.get(j.name);
  assert.equal(s?.nextRunAt, '2026-08-22T13:00:00.000Z');
  assert.equal(s?.lastSuccessAt, clock.now().toISOString());
  assert.equal(s?.leaseOwner, null);
});

test('failures back off exponentially and success resets the count', async () => {
  let fail = true;
  const j = job('t:flaky', async () => {
    if (fail) throw new Error('source down');
    return undefined;
  });
  await c.schedules.register([j.name], clock.now());
  assert.equal(await runJobIfDue(input(j)), 'failed');
  let s = await c.schedules.get(j.name);
  assert.equal(s?.errorCount, 1);
  assert.equal(s?.lastError, 'source down');
  assert.equal(Date.parse(s?.nextRunAt ?? '') - clock.now().getTime(), backoffMs(1, j.everyMs));
  await c.schedules.trigger(j.name, clock.now());
  await runJobIfDue(input(j));
  s = await c.schedules.get(j.name);
  assert.equal(s?.errorCount, 2);
  assert.equal(Date.parse(s?.nextRunAt ?? '') - clock.now().getTime(), 2 * 60_000);
  fail = false;
  await c.schedules.trigger(j.name, clock.now());
  assert.equal(await runJobIfDue(input(j)), 'ok');
  s = await c.schedules.get(j.name);
  assert.equal(s?.errorCount, 0);
  assert.equal(s?.lastError, null);
});

test('a Retry-After carried by the error decides the next attempt', async () => {
  const j = job('t:retry-after', async () => {
    throw createError('source_unavailable', 'arxiv', 'HTTP 503', {
      details: { retryAfterSeconds: 600 },
    });
  });
  await c.schedules.register([j.name], clock.now());
  await runJobIfDue(input(j));
  const s = await c.schedules.get(j.name);
  assert.equal(s?.nextRunAt, new Date(clock.now().getTime() + 600_000).toISOString());
});

test('two workers never run the same job at once; a dead worker’s lease expires', async () => {
  let release: () => void = () => {};
  let entered: () => void = () => {};
  /** Resolves when the job's body next starts (it then waits for release()). */
  const nextEntry = () =>
    new Promise<void>((r) => {
      entered = r;
    });
  let runs = 0;
  const j: Job = {
    ...job('t:exclusive', async () => {
      runs++;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      entered();
      await gate;
      return undefined;
    }),
    leaseMs: 60_000,
  };
  await c.schedules.register([j.name], clock.now());
  const firstEntered = nextEntry();
  const first = runJobIfDue(input(j, 'w1'));
  await firstEntered;
  assert.equal(await runJobIfDue(input(j, 'w2')), 'skipped');
  release();
  assert.equal(await first, 'ok');
  assert.equal(runs, 1);

  // A worker that claimed and died: its lease expires and another takes over.
  await c.schedules.trigger(j.name, clock.now());
  assert.ok(
    await c.schedules.claim(j.name, 'dead', clock.now(), new Date(clock.now().getTime() + 60_000)),
  );
  const blocked = await runJobIfDue(input(j, 'w2'));
  assert.equal(blocked, 'skipped');
  clock.advance(61_000);
  const takeoverEntered = nextEntry();
  const takeover = runJobIfDue(input(j, 'w2'));
  await takeoverEntered;
  release();
  assert.equal(await takeover, 'ok');
});

test('a lease whose holder died on this host is taken over at once; a live holder keeps it', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  const j = job('t:orphaned', async () => undefined);
  await c.schedules.register([j.name], clock.now());
  const until = new Date(clock.now().getTime() + 600_000);
  assert.ok(
    await c.schedules.claim(j.name, `${hostname()}:${process.pid}:live`, clock.now(), until),
  );
  assert.equal(await runJobIfDue(input(j, 'w2')), 'skipped', 'this process holds it: alive');
  await c.schedules.fail(j.name, `${hostname()}:${process.pid}:live`, 'x', clock.now());
  assert.ok(await c.schedules.claim(j.name, `${hostname()}:${dead}:gone`, clock.now(), until));
  assert.equal(await runJobIfDue(input(j, 'w2')), 'ok', 'the dead holder is passed over');
  assert.ok(!(await c.schedules.renew(j.name, `${hostname()}:${dead}:gone`, until)));
});
