/**
 * End to end over real HTTP on loopback: `serve` seeds the demo corpus once, answers pages and
 * /healthz, and a second start on the same data dir loads nothing twice.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openSqliteStore } from '../src/adapters/db/connect.ts';
import { startServe } from '../src/interfaces/cli/commands/serve.ts';
import { createMemoryLogger } from '../src/log.ts';
import { tempDir, testConfig } from './db.ts';

const dir = tempDir();
after(() => dir.remove());

async function rowCounts(): Promise<Record<string, number>> {
  const store = openSqliteStore(`${dir.path}/paperboy.db`);
  const counts: Record<string, number> = {};
  for (const table of ['papers', 'featured_days', 'paper_versions'] as const) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  await store.close();
  return counts;
}

test('serve loads the demo corpus on first start only and serves it', async () => {
  const config = testConfig(dir.path, { PAPERBOY_DEMO: 'true' });
  const log = createMemoryLogger();
  const first = await startServe(config, log);
  const base = `http://127.0.0.1:${first.port}`;
  const health = await fetch(`${base}/healthz`);
  assert.equal(health.status, 200);
  const home = await (await fetch(`${base}/`)).text();
  assert.match(home, /papers featured · most upvoted first/);
  await first.close();
  assert.ok(log.entries.some((e) => e.msg === 'demo corpus loaded'));
  const afterFirst = await rowCounts();
  assert.ok(
    (afterFirst.papers ?? 0) > 1000,
    `demo corpus has >1000 papers, got ${afterFirst.papers}`,
  );

  const log2 = createMemoryLogger();
  const second = await startServe(config, log2);
  await second.close();
  assert.ok(!log2.entries.some((e) => e.msg === 'demo corpus loaded'));
  assert.deepEqual(await rowCounts(), afterFirst);
});

test('--no-demo (PAPERBOY_DEMO=false) starts with an empty store', async () => {
  const empty = tempDir();
  try {
    const server = await startServe(
      testConfig(empty.path, { PAPERBOY_DEMO: 'false' }),
      createMemoryLogger(),
    );
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /No papers were featured/);
    await server.close();
  } finally {
    empty.remove();
  }
});
