/**
 * The crash test: the real CLI is spawned as a child process and SIGKILLed at many points of an
 * ingest (between and inside page transactions), then restarted until it finishes. The store must
 * end exactly as after an uninterrupted run — nothing lost, nothing twice — for a snapshot file
 * and for an OAI-PMH harvest with resumptionToken paging (replayed from a local server).
 * Kill points come from the child's own "page committed" log lines, so no timing is asserted.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openSqliteStore } from '../src/adapters/db/connect.ts';
import { memoryIo } from '../src/interfaces/cli/io.ts';
import { runCli } from '../src/interfaces/cli/main.ts';
import { tempDir } from './db.ts';
import { fixture, type ReplayServer, startReplayServer } from './replay-server.ts';

const ROOT = join(import.meta.dirname, '..');
const work = tempDir('paperboy-kill-');
let server: ReplayServer;
let snapshot: string;

/** The 200-record snapshot sample plus 40 later revisions of some of them (updates mid-file). */
function snapshotInput(): string {
  const lines = fixture('snapshot/arxiv-metadata-oai-snapshot.head200.jsonl').trim().split('\n');
  const revised = lines.slice(0, 40).map((line, i) => {
    const r = JSON.parse(line) as {
      title: string;
      versions: { version: string; created: string }[];
    };
    r.title = `${r.title} (revised ${i})`;
    r.versions.push({
      version: `v${r.versions.length + 1}`,
      created: 'Mon, 1 Jun 2009 10:00:00 GMT',
    });
    return JSON.stringify(r);
  });
  return [...lines.slice(0, 120), ...revised, ...lines.slice(120)].join('\n');
}

/** The snapshot records served as OAI-PMH ListRecords pages of 10, chained by resumptionTokens. */
function oaiPage(token: string | null): string {
  const records = fixture('snapshot/arxiv-metadata-oai-snapshot.head200.jsonl')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);
  const page = token ? Number(token.replace('page-', '')) : 0;
  const slice = records.slice(page * 10, page * 10 + 10);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = slice
    .map(
      (
        r,
      ) => `<record><header><identifier>oai:arXiv.org:${r.id}</identifier><datestamp>2009-0${1 + (page % 9)}-01</datestamp></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>${r.id}</id><created>2007-04-02</created>
<authors><author><keyname>${esc(r.submitter ?? 'Anon')}</keyname></author></authors>
<title>${esc(r.title ?? '')}</title><categories>${esc(r.categories ?? '')}</categories>
<abstract>${esc(r.abstract ?? '')}</abstract></arXiv></metadata></record>`,
    )
    .join('\n');
  const next =
    page + 1 < 20
      ? `<resumptionToken cursor="${page * 10}" completeListSize="200">page-${page + 1}</resumptionToken>`
      : '<resumptionToken cursor="190" completeListSize="200"/>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-08-22T00:00:00Z</responseDate>
<request verb="ListRecords">http://127.0.0.1/oai</request><ListRecords>${body}${next}</ListRecords></OAI-PMH>`;
}

before(async () => {
  snapshot = join(work.path, 'snapshot.json');
  writeFileSync(snapshot, snapshotInput());
  server = await startReplayServer((url) => ({
    body: oaiPage(url.searchParams.get('resumptionToken')),
  }));
});
after(async () => {
  await server.close();
  work.remove();
});

function envFor(dataDir: string): Record<string, string> {
  return {
    PAPERBOY_DATA_DIR: dataDir,
    PAPERBOY_DEMO: 'false',
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
    ARXIV_OAI_URL: `${server.origin}/oai`,
    ARXIV_REQUEST_INTERVAL_MS: '0',
  };
}

/**
 * Runs the CLI in a child; kills it `delayMs` after its `killAfter`-th committed page (null: let it
 * finish). The delays move kill points off page boundaries, into reads and open transactions.
 */
function spawnCli(args: string[], dataDir: string, killAfter: number | null, delayMs = 0) {
  return new Promise<{ killed: boolean; code: number | null; stdout: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...envFor(dataDir) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let pages = 0;
      let stdout = '';
      let killed = false;
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        pages += d.toString().split('"msg":"page committed"').length - 1;
        if (killAfter !== null && !killed && pages >= killAfter) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ killed: signal === 'SIGKILL', code, stdout }));
    },
  );
}

/** The store's content, ignoring when rows were written or fetched. */
async function dump(dataDir: string) {
  const store = openSqliteStore(join(dataDir, 'paperboy.db'));
  try {
    const papers = await store.db.selectFrom('papers').selectAll().orderBy('id').execute();
    return {
      papers: papers.map(({ created_at: _c, modified_at: _m, fetched_at: _f, ...rest }) => rest),
      versions: await store.db
        .selectFrom('paper_versions')
        .selectAll()
        .orderBy('paper_id')
        .orderBy('version')
        .execute(),
      days: await store.db
        .selectFrom('featured_days')
        .selectAll()
        .orderBy('paper_id')
        .orderBy('day')
        .execute(),
      queue: (
        await store.db
          .selectFrom('embedding_queue')
          .select('paper_id')
          .orderBy('paper_id')
          .execute()
      ).map((r) => r.paper_id),
      cursors: (
        await store.db
          .selectFrom('source_cursors')
          .select(['source', 'set_spec', 'state'])
          .execute()
      ).map((c) => ({
        ...c,
        state: c.state.replace(/"mtimeMs":[\d.]+/, ''),
      })),
    };
  } finally {
    await store.close();
  }
}

async function reference(args: string[]) {
  const dir = join(work.path, `ref-${args[1]}`);
  const io = memoryIo({ ...envFor(dir), LOG_LEVEL: 'warn' });
  assert.equal(await runCli(args, io), 0, io.stderr.join('\n'));
  return dump(dir);
}

async function killAndResume(args: string[], killPoints: number[]) {
  const dir = join(work.path, `killed-${args[1]}`);
  const io = memoryIo({ ...envFor(dir), LOG_LEVEL: 'warn' });
  assert.equal(await runCli(['migrate'], io), 0);
  let kills = 0;
  for (const [i, point] of killPoints.entries()) {
    const run = await spawnCli(args, dir, point, [0, 3, 7, 1, 12, 5, 2][i % 7]);
    if (run.killed) kills++;
    else assert.equal(run.code, 0, 'a run that was not killed finished cleanly');
  }
  const last = await spawnCli(args, dir, null);
  assert.equal(last.code, 0);
  return { kills, store: await dump(dir) };
}

test('snapshot import: SIGKILL at many points, restart, same store as an uninterrupted run', async () => {
  const args = ['ingest', 'snapshot', snapshot, '--batch-size', '10'];
  const expected = await reference(args);
  assert.equal(expected.papers.length, 200);
  const { kills, store } = await killAndResume(args, [1, 3, 2, 5, 1, 4, 2]);
  assert.ok(kills >= 3, `the child was killed ${kills} times`);
  assert.deepEqual(store, expected);
});

test('OAI-PMH harvest with resumptionTokens: SIGKILL at many points, resume, same store', async () => {
  const args = ['ingest', 'arxiv', '--set', 'kill', '--from', '2009-01-01'];
  const expected = await reference(args);
  assert.equal(expected.papers.length, 200);
  const { kills, store } = await killAndResume(args, [2, 1, 4, 3, 1, 2]);
  assert.ok(kills >= 3, `the child was killed ${kills} times`);
  assert.deepEqual(store, expected);
});
