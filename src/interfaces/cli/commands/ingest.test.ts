import '../../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../../../../test/db.ts';
import {
  FIXTURES,
  fixture,
  type ReplayServer,
  startReplayServer,
} from '../../../../test/replay-server.ts';
import { memoryIo } from '../io.ts';
import { runCli } from '../main.ts';

const SNAPSHOT = join(FIXTURES, 'snapshot/arxiv-metadata-oai-snapshot.head200.jsonl');
let server: ReplayServer;
const dirs: { path: string; remove(): void }[] = [];
before(async () => {
  server = await startReplayServer((url) => {
    if (url.pathname === '/api/daily_papers') {
      return url.searchParams.get('date') === '2026-08-21'
        ? { body: fixture('hf-daily/2026-08-21.json') }
        : { body: '[]' };
    }
    return { body: fixture('arxiv-oai/arxiv-physics-hep-ex.xml') };
  });
});
after(async () => {
  await server.close();
  for (const d of dirs) d.remove();
});

function newEnv(extra: Record<string, string> = {}) {
  const dir = tempDir();
  dirs.push(dir);
  return {
    dir: dir.path,
    vars: {
      PAPERBOY_DATA_DIR: dir.path,
      LOG_LEVEL: 'warn',
      ARXIV_OAI_URL: `${server.origin}/oai`,
      ARXIV_REQUEST_INTERVAL_MS: '0',
      HF_API_URL: `${server.origin}/api`,
      HF_REQUEST_INTERVAL_MS: '0',
      ...extra,
    },
  };
}

async function run(args: string[], vars: Record<string, string>) {
  const io = memoryIo(vars);
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('ingest snapshot loads the Kaggle format; a second run changes nothing', async () => {
  const { vars } = newEnv();
  const first = await run(['ingest', 'snapshot', SNAPSHOT, '--batch-size', '64'], vars);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^200 read: 200 new, 0 updated, 0 unchanged, 0 rejected$/);
  const second = await run(['ingest', 'snapshot', SNAPSHOT], vars);
  assert.match(second.out, /200 read: 0 new, 0 updated, 200 unchanged, 0 rejected/);
});

test('ingest snapshot streams .json.gz; a truncated download loses nothing before the cut', async () => {
  const { dir, vars } = newEnv();
  const gz = gzipSync(readFileSync(SNAPSHOT));
  const full = join(dir, 'arxiv-metadata-oai-snapshot.json.gz');
  writeFileSync(full, gz);
  assert.match((await run(['ingest', 'snapshot', full], vars)).out, /200 read: 200 new/);
  const cut = join(dir, 'cut.json.gz');
  writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
  const partial = await run(['ingest', 'snapshot', cut], vars);
  assert.match(partial.err, /truncated or corrupt/);
  assert.match(partial.out, / 0 new, 0 updated, \d+ unchanged, [12] rejected/);
});

test('ingest arxiv and hf; sources shows schedules and positions', async () => {
  const { vars } = newEnv({ PAPERBOY_SOURCES: 'arxiv:physics:hep-ex,hf' });
  const arxiv = await run(
    ['ingest', 'arxiv', '--set', 'physics:hep-ex', '--from', '2017-12-14'],
    vars,
  );
  assert.equal(arxiv.code, 0, arxiv.err);
  assert.match(arxiv.out, /3 read: 3 new/);
  const sent = server.requests.at(-1)?.url.searchParams;
  assert.equal(sent?.get('set'), 'physics:hep-ex');
  assert.equal(sent?.get('metadataPrefix'), 'arXiv');
  const hf = await run(['ingest', 'hf', '--from', '2026-08-20', '--to', '2026-08-21'], vars);
  assert.equal(hf.code, 0, hf.err);
  assert.match(hf.out, /read: \d+ new, 0 updated, 0 unchanged, 0 rejected/);
  const sources = await run(['sources', '--run'], vars);
  assert.equal(sources.code, 0, sources.err);
  assert.match(sources.out, /harvest:arxiv-oai:physics:hep-ex\n {2}next run: +2026-/);
  assert.match(sources.out, /last success: +never/);
  assert.match(sources.out, /position: +1 page\(s\), 3 record\(s\).*next harvest from 2017-12-14/);
  assert.match(sources.out, /harvest:hf-daily[\s\S]*last day 2026-08-21/);
});

test('bad dates and sources are refused with a clear message', async () => {
  const { vars } = newEnv();
  const bad = await run(['ingest', 'hf', '--from', '21/08/2026'], vars);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /expected a day as YYYY-MM-DD/);
  const config = await run(['sources'], { ...vars, PAPERBOY_SOURCES: 'arxiv:cs,gopher' });
  assert.equal(config.code, 1);
  assert.match(config.err, /PAPERBOY_SOURCES.*each entry must be arxiv/);
});

test('export writes our JSONL and import reads it back into an identical store', async () => {
  const a = newEnv();
  await run(['ingest', 'snapshot', SNAPSHOT], a.vars);
  await run(['ingest', 'hf', '--from', '2026-08-21', '--to', '2026-08-21'], a.vars);
  const file = join(a.dir, 'papers.jsonl.gz');
  const exported = await run(['export', file], a.vars);
  assert.match(exported.err, /exported \d+ papers/);
  const b = newEnv();
  const imported = await run(['import', file], b.vars);
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /new, 0 updated, 0 unchanged, 0 rejected/);
  const again = await run(['export'], b.vars);
  const original = await run(['export'], a.vars);
  assert.equal(again.out, original.out);
  assert.ok(original.out.split('\n').length > 200);
});

test('a snapshot line that is not a paper is reported with its number', async () => {
  const { dir, vars } = newEnv();
  const lines = fixture('snapshot/arxiv-metadata-oai-snapshot.head200.jsonl').split('\n');
  const file = join(dir, 'bad.json');
  writeFileSync(file, [lines[0], '{"id": "0704.0002", "title":', lines[2]].join('\n'));
  const { out, err } = await run(['ingest', 'snapshot', file], vars);
  assert.match(err, /bad\.json:2: not valid JSON/);
  assert.match(out, /3 read: 2 new, 0 updated, 0 unchanged, 1 rejected/);
});

test('ingest arxiv-search pages through API results up to --max', async () => {
  const calls = [
    'q_testing_s0_m10_bc5a6c384fe9',
    'q_testing_s10_m10_34e56e15aaac',
    'q_testing_s20_m10_348a237fecab',
  ];
  const s = await startReplayServer((url) => {
    const i = Number(url.searchParams.get('start')) / 10;
    const name = calls[i];
    return name
      ? { body: (JSON.parse(fixture(`arxiv-atom/${name}.json`)) as { body: string }).body }
      : { status: 404, body: 'none' };
  });
  try {
    const { vars } = newEnv({ ARXIV_API_URL: `${s.origin}/api/query` });
    const first = await run(['ingest', 'arxiv-search', 'all:testing', '--max', '20'], vars);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /20 read: 20 new/);
    assert.deepEqual(
      s.requests.map((r) => [
        r.url.searchParams.get('start'),
        r.url.searchParams.get('max_results'),
      ]),
      [
        ['0', '20'],
        ['10', '10'],
      ],
    );
  } finally {
    await s.close();
  }
});
