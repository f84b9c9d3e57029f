/**
 * Three kinds of writer on one SQLite file at once (issue 13, item 3): a web process taking
 * readers' votes, comments, collections and subscriptions; a worker harvesting a snapshot; and a
 * CLI `import` in small batches. Every writer takes the write lock up front and waits for the
 * others, so none fails: the import exits 0, nobody logs "database is locked", every acknowledged
 * write is there once and every paper is stored once. Waits are on events, never on a clock.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openSqliteStore } from '../../src/adapters/db/connect.ts';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { tempDir } from '../db.ts';
import { buildFeaturedPaper, buildPaper } from '../factories.ts';
import { fixture } from '../replay-server.ts';
import { startSmtpServer } from '../smtp.ts';
import { ClusterAgent } from './cluster-agent.ts';
import { type Acked, checkWrites } from './cluster-checks.ts';
import { PaperboyProcess, startWeb, startWorkerProcess } from './processes.ts';

const work = tempDir('paperboy-writers-');
const cleanups: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
  work.remove();
});

const DAY = '2026-11-30';
const PAPERS = ['2611.00001', '2611.00002', '2611.00003'];
const HARVESTED = 1000;
const IMPORTED = 1500;

test('web writers, a worker and a CLI import share one SQLite store; none fails', {
  timeout: 300_000,
}, async () => {
  const dataDir = join(work.path, 'data');
  const storePath = join(dataDir, 'paperboy.db');
  const seed = openSqliteStore(storePath);
  await migrateToLatest(seed.db);
  await new KyselyPaperRepo(seed.db, fixedClock(`${DAY}T06:00:00Z`)).upsertMany(
    PAPERS.map((id) => buildFeaturedPaper(DAY, 0, { id, submittedAt: `${DAY}T00:00:00Z` })),
  );
  await seed.close();

  // The worker's snapshot: the fixture's 200 records under new ids (2501.xxxxx–2505.xxxxx).
  const lines = fixture('snapshot/arxiv-metadata-oai-snapshot.head200.jsonl').trim().split('\n');
  const snapshot = join(work.path, 'snapshot.json');
  writeFileSync(
    snapshot,
    `${Array.from({ length: HARVESTED }, (_, k) => {
      const record = JSON.parse(lines[k % lines.length] as string) as Record<string, unknown>;
      return JSON.stringify({
        ...record,
        id: `250${1 + Math.floor(k / 200)}.${String(k % 200).padStart(5, '0')}`,
      });
    }).join('\n')}\n`,
  );
  // The CLI's file: paperboy JSONL (what `export` writes), ids 2401.00000–2401.01499.
  const importFile = join(work.path, 'papers.jsonl');
  writeFileSync(
    importFile,
    Array.from({ length: IMPORTED }, (_, k) =>
      JSON.stringify(
        buildPaper({ id: `2401.${String(k).padStart(5, '0')}`, title: `Imported paper ${k}` }),
      ),
    ).join('\n') + '\n',
  );

  const smtp = await startSmtpServer();
  cleanups.push(() => smtp.close());
  const env: Record<string, string> = {
    PAPERBOY_DATA_DIR: dataDir,
    PAPERBOY_EMBEDDER: 'none',
    PAPERBOY_BASE_URL: 'http://paperboy.test',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    MAIL_FROM: 'paperboy@paperboy.test',
    LOG_LEVEL: 'debug',
  };
  const processes: PaperboyProcess[] = [];
  cleanups.push(() => {
    for (const p of processes) p.kill();
  });
  const [web, worker] = await Promise.all([
    startWeb('web', env),
    startWorkerProcess('worker', { ...env, PAPERBOY_SOURCES: `snapshot:${snapshot}` }),
  ]);
  processes.push(web.process, worker);

  // The import starts with the worker's harvest; readers write through the web meanwhile.
  const importer = new PaperboyProcess('import', ['import', importFile, '--batch-size', '50'], env);
  processes.push(importer);
  const acked: Acked = { votes: [], comments: [], collections: [], items: [], subscriptions: [] };
  const readers = Array.from({ length: 4 }, (_, i) => new ClusterAgent(`writer${i}@example.org`));
  await Promise.all(readers.map((r) => r.signIn(smtp, [web.url, web.url, web.url])));
  await Promise.all(
    readers.map(async (r, i) => {
      await r.get(web.url, '/collections');
      for (const paper of PAPERS) {
        const reply = await r.post(web.url, '/vote', { paper }, true);
        assert.equal(reply.status, 200, reply.text.slice(0, 300));
        if ((JSON.parse(reply.text) as { voted: boolean }).voted)
          acked.votes.push({ email: r.email, paper });
      }
      for (let k = 0; k < 3; k++) {
        const body = `writer ${i} comment ${k}`;
        const made = await r.post(web.url, '/comments', { paper: PAPERS[k] ?? '', body });
        const id = /#c-(.+)$/.exec(made.location ?? '')?.[1];
        assert.ok(id, `comment acknowledged: ${made.status} ${made.text.slice(0, 200)}`);
        acked.comments.push({ id, body });
      }
      const made = await r.post(web.url, '/collections', { name: `shelf ${i}`, description: '' });
      const collection = /\/collections\/(.+)$/.exec(made.location ?? '')?.[1];
      assert.ok(collection, `collection acknowledged: ${made.status}`);
      acked.collections.push({ id: collection, name: `shelf ${i}` });
      const added = await r.post(web.url, '/collections/add', {
        collection,
        paper: PAPERS[1] ?? '',
      });
      assert.equal(added.status, 303);
      acked.items.push({ collection, paper: PAPERS[1] ?? '' });
      const sub = await r.post(web.url, '/email/subscribe', {
        email: r.email,
        kind: 'trending',
        cadence: 'daily',
        timeZone: 'UTC',
      });
      assert.equal(sub.status, 303, sub.text.slice(0, 300));
      acked.subscriptions.push(r.email);
    }),
  );

  const imported = await importer.exited;
  assert.equal(
    imported.code,
    0,
    `the import finished\n${importer.tail()}\n${importer.stdout.join('\n')}`,
  );
  await worker.waitFor(
    (l) => l.msg === 'job finished' && String(l.job).startsWith('harvest:snapshot'),
    'the snapshot harvest finished',
  );
  for (const p of [web.process, worker, importer]) {
    const locked = p.logs.filter((l) => /locked|SQLITE_BUSY/i.test(JSON.stringify(l)));
    assert.deepEqual(locked, [], `${p.name} never saw a locked database`);
  }

  const store = openSqliteStore(storePath);
  cleanups.push(() => store.close());
  await checkWrites(store.db, acked);
  const papers = await store.db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(papers.n), PAPERS.length + HARVESTED + IMPORTED, 'every paper stored once');
});
