/**
 * Many processes on one PostgreSQL: 3 web processes (`serve --no-worker`) and 2 workers share a
 * fresh database. Readers sign in and write (votes, comments, collections, subscriptions) through
 * all three — each step of a sign-in, and every CSRF token, used on another process than the one
 * that made it — while a worker loads a snapshot file. One worker is SIGKILLed mid-harvest, one
 * web process mid-request. Then: every acknowledged write is there exactly once, counters are
 * exact, no job ran twice at once, `digest send` from two processes at once records and sends
 * each digest exactly once (real SMTP), and the survivors keep serving. Waits are on events (log
 * lines, HTTP answers, exits), never on a clock.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import { openPostgresStore } from '../../src/adapters/db/postgres/postgres-store.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { tempDir } from '../db.ts';
import { freshPostgresDatabase, postgresUnavailable } from '../engines.ts';
import { buildFeaturedPaper } from '../factories.ts';
import { fixture } from '../replay-server.ts';
import { startSmtpServer } from '../smtp.ts';
import { ClusterAgent } from './cluster-agent.ts';
import { type Acked, checkStore, overlappingRuns } from './cluster-checks.ts';
import { PaperboyProcess, startWeb, startWorkerProcess } from './processes.ts';

const skip = (await postgresUnavailable()) ?? false;
const work = tempDir('paperboy-cluster-');
const cleanups: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
  work.remove();
});

const DAY = 86_400_000;
/** The digest run's instant: 09:00 UTC on the Monday after next (a weekday, after 07:00). */
const digestNow = (() => {
  const d = new Date(Date.now() + 7 * DAY);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return new Date(`${d.toISOString().slice(0, 10)}T09:00:00.000Z`);
})();
const featuredDay = new Date(digestNow.getTime() - DAY).toISOString().slice(0, 10);
const PAPERS = ['2611.00001', '2611.00002', '2611.00003', '2611.00004'];
const SNAPSHOT_RECORDS = 3000;

/** The fixture's 200 records under 15 sets of new ids: 3,000 papers, three pages of 1,000. */
function writeSnapshot(path: string): void {
  const lines = fixture('snapshot/arxiv-metadata-oai-snapshot.head200.jsonl').trim().split('\n');
  const out: string[] = [];
  for (let k = 0; out.length < SNAPSHOT_RECORDS; k++) {
    const prefix = `${15 + Math.floor(k / 2)}0${1 + (k % 2)}`;
    for (const [i, line] of lines.entries()) {
      out.push(
        JSON.stringify({ ...JSON.parse(line), id: `${prefix}.${String(i + 1).padStart(5, '0')}` }),
      );
    }
  }
  writeFileSync(path, `${out.slice(0, SNAPSHOT_RECORDS).join('\n')}\n`);
}

test('3 web + 2 worker processes on one PostgreSQL', { skip, timeout: 300_000 }, async (t) => {
  const started = Date.now();
  const phase = (name: string) =>
    t.diagnostic(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const database = await freshPostgresDatabase();
  cleanups.push(() => database.drop());
  const smtp = await startSmtpServer();
  cleanups.push(() => smtp.close());
  const snapshot = join(work.path, 'snapshot.json');
  writeSnapshot(snapshot);
  const store = await openPostgresStore(database.url, { poolSize: 2 });
  cleanups.push(() => store.close());
  await new KyselyPaperRepo(store.db, fixedClock(`${featuredDay}T06:00:00Z`)).upsertMany(
    PAPERS.map((id) =>
      buildFeaturedPaper(featuredDay, 0, { id, submittedAt: `${featuredDay}T00:00:00Z` }),
    ),
  );

  const env = (name: string): Record<string, string> => ({
    DATABASE_URL: database.url,
    PAPERBOY_DB_POOL_SIZE: '4',
    PAPERBOY_DATA_DIR: join(work.path, name),
    PAPERBOY_EMBEDDER: 'none',
    PAPERBOY_BASE_URL: 'http://paperboy.test',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    MAIL_FROM: 'paperboy@paperboy.test',
    LOG_LEVEL: 'debug',
    // Behind a load balancer: each reader has its own address (mail requests are limited per IP).
    PAPERBOY_TRUST_PROXY: 'true',
  });
  const processes: PaperboyProcess[] = [];
  cleanups.push(() => {
    for (const p of processes) p.kill();
  });
  const workerEnv = (name: string) => ({ ...env(name), PAPERBOY_SOURCES: `snapshot:${snapshot}` });
  const [webs, workers] = await Promise.all([
    Promise.all(['web0', 'web1', 'web2'].map((n) => startWeb(n, env(n)))),
    Promise.all(['worker0', 'worker1'].map((n) => startWorkerProcess(n, workerEnv(n)))),
  ]);
  processes.push(...webs.map((w) => w.process), ...workers);
  phase('5 processes up');
  const urls = webs.map((w) => w.url);
  const at = (i: number) => urls[i % 3] as string;

  // One worker is killed as soon as it has committed its first page of the snapshot.
  let killedAt = '';
  const workerKill = Promise.any(
    workers.map((w) =>
      w.waitFor((l) => l.msg === 'page committed', 'a snapshot page').then(() => w),
    ),
  ).then((w) => {
    killedAt = new Date().toISOString();
    w.kill();
    return w;
  });

  const acked: Acked = { votes: [], comments: [], collections: [], items: [], subscriptions: [] };
  const readers = Array.from(
    { length: 6 },
    (_, i) => new ClusterAgent(`reader${i}@example.org`, `192.0.2.${i + 1}`),
  );
  await Promise.all(readers.map((r, i) => r.signIn(smtp, [at(i), at(i + 1), at(i + 2)])));
  phase('6 readers signed in');
  await Promise.all(
    readers.map(async (r, i) => {
      await r.get(at(i), '/collections'); // a CSRF token bound to the session, from one process
      const votes = PAPERS.map(async (paper, p) => {
        const reply = await r.post(at(i + p + 1), '/vote', { paper }, true);
        if (reply.status === 200 && (JSON.parse(reply.text) as { voted: boolean }).voted)
          acked.votes.push({ email: r.email, paper });
      });
      const comment = await r.post(at(i + 1), '/comments', {
        paper: PAPERS[0] ?? '',
        body: `comment of ${i}`,
      });
      const id = /#c-(.+)$/.exec(comment.location ?? '')?.[1];
      assert.ok(id, `comment acknowledged: ${comment.status}`);
      acked.comments.push({ id, body: `comment of ${i}` });
      const reply = await r.post(at(i + 2), '/comments', {
        paper: PAPERS[0] ?? '',
        body: `reply of ${i}`,
        parent: id,
      });
      acked.comments.push({
        id: /#c-(.+)$/.exec(reply.location ?? '')?.[1] ?? '?',
        body: `reply of ${i}`,
      });
      const made = await r.post(at(i + 2), '/collections', { name: `shelf ${i}`, description: '' });
      const collection = /\/collections\/(.+)$/.exec(made.location ?? '')?.[1];
      assert.ok(collection, `collection acknowledged: ${made.status}`);
      acked.collections.push({ id: collection, name: `shelf ${i}` });
      for (const [k, paper] of PAPERS.slice(1, 3).entries()) {
        const added = await r.post(at(i + k), '/collections/add', { collection, paper });
        if (added.status === 303) acked.items.push({ collection, paper });
      }
      const sub = await r.post(at(i), '/email/subscribe', {
        email: r.email,
        kind: 'trending',
        cadence: 'daily',
        timeZone: 'UTC',
      });
      assert.equal(sub.status, 303, sub.text.slice(0, 300));
      acked.subscriptions.push(r.email);
      await Promise.all(votes);
    }),
  );
  phase('concurrent writes acknowledged');
  // Digests: `digest send` on both worker machines at once, while the kills below happen.
  const senders = ['worker0', 'worker1'].map(
    (n) =>
      new PaperboyProcess(
        `digest-${n}`,
        ['digest', 'send', '--now', digestNow.toISOString()],
        env(n),
      ),
  );
  processes.push(...senders);
  const killedWorker = await workerKill;
  const survivor = workers.find((w) => w !== killedWorker) as PaperboyProcess;
  assert.equal((await killedWorker.exited).signal, 'SIGKILL');

  // A web process is killed mid-request: a reader's writes are in flight to it, one request
  // has sent only half its body, and the kill comes with the first answer.
  const doomed = webs[2] as { process: PaperboyProcess; url: string };
  const late = new ClusterAgent('late@example.org', '192.0.2.99');
  await late.signIn(smtp, [at(0), at(1), at(0)]);
  await late.get(at(1), '/collections');
  const half = halfSentRequest(doomed.url, late);
  let first = true;
  const inFlight = [
    ...PAPERS.map((paper) => ({ path: '/vote', fields: { paper, body: '' }, json: true })),
    ...Array.from({ length: 8 }, (_, k) => ({
      path: '/comments',
      fields: { paper: PAPERS[1] ?? '', body: `late comment ${k}` },
      json: false,
    })),
  ].map(async ({ path, fields, json }) => {
    const reply = await late.post(doomed.url, path, fields, json).catch(() => null);
    if (first && reply) {
      first = false;
      doomed.process.kill();
    }
    if (reply?.status === 200 && json && (JSON.parse(reply.text) as { voted: boolean }).voted)
      acked.votes.push({ email: late.email, paper: fields.paper });
    if (reply?.status === 303 && path === '/comments')
      acked.comments.push({
        id: /#c-(.+)$/.exec(reply.location ?? '')?.[1] ?? '?',
        body: fields.body,
      });
  });
  await Promise.all(inFlight);
  if (first) doomed.process.kill(); // every request failed before an answer: kill it now
  await half;
  assert.equal((await doomed.process.exited).signal, 'SIGKILL');

  phase('web process killed mid-request');
  // The survivor takes the dead worker's harvest over and finishes it.
  await survivor.waitFor(
    (l) => l.msg === 'job finished' && String(l.job).startsWith('harvest:snapshot'),
    'the snapshot harvest finished',
  );

  phase('harvest taken over and finished');
  // One takes the send lock; the other sends too or says another process is sending.
  const codes = await Promise.all(senders.map((s) => s.exited.then((x) => x.code)));
  assert.ok(codes.includes(0), senders.map((s) => s.tail()).join('\n'));
  for (const [i, s] of senders.entries()) {
    if (codes[i] !== 0) assert.ok(s.logs.some((l) => /another process is sending/.test(l.msg)));
  }

  phase('digests sent');
  await checkStore(store.db, {
    acked,
    smtp,
    digestPeriod: digestNow.toISOString().slice(0, 10),
    subscribers: [...readers.map((r) => r.email)],
    snapshotRecords: SNAPSHOT_RECORDS,
    papers: PAPERS.length + SNAPSHOT_RECORDS,
    halfSentBody: 'half-sent comment',
  });
  assert.deepEqual(overlappingRuns(workers, { worker: killedWorker, at: killedAt }), []);

  // The survivors keep serving: pages, and a write with a token from the other web process.
  for (const url of urls.slice(0, 2)) assert.equal((await fetch(`${url}/`)).status, 200);
  const reader = readers[0] as ClusterAgent;
  await reader.get(urls[0] as string, '/collections');
  const vote = await reader.post(urls[1] as string, '/vote', { paper: PAPERS[0] ?? '' }, true);
  assert.equal(vote.status, 200, vote.text);
});

/** A POST whose body is only half sent when its process dies; resolves once the socket closes. */
function halfSentRequest(base: string, agent: ClusterAgent): Promise<void> {
  const body = new URLSearchParams({
    _csrf: agent.csrf,
    paper: PAPERS[1] ?? '',
    body: 'half-sent comment',
  }).toString();
  return new Promise((resolve) => {
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const req = request(`${base}/comments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': body.length + 10,
        cookie,
      },
    });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.write(body);
  });
}
