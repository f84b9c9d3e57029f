import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { memoryIo } from './io.ts';
import { runCli } from './main.ts';

const dirs: { remove(): void }[] = [];
after(() => {
  for (const d of dirs) d.remove();
});

function env() {
  const dir = tempDir();
  dirs.push(dir);
  return { PAPERBOY_DATA_DIR: dir.path, LOG_LEVEL: 'warn', dir: dir.path };
}

async function run(args: string[], vars: Record<string, string>) {
  const io = memoryIo(vars);
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('--help lists the commands', async () => {
  const { out } = await run(['--help'], {});
  for (const command of ['serve', 'migrate', 'import', 'doctor', 'config'])
    assert.match(out, new RegExp(command));
});

test('import reports a malformed line with its number, imports the rest, and re-import duplicates nothing', async () => {
  const vars = env();
  const file = join(vars.dir, 'papers.jsonl');
  const good = [
    buildPaper({ id: '2601.00001' }),
    buildPaper({ id: '2601.00002' }),
    buildPaper({ id: '2601.00003' }),
  ];
  writeFileSync(
    file,
    [
      JSON.stringify(good[0]),
      '{"id": "2601.00009", "title": ',
      JSON.stringify(good[1]),
      JSON.stringify({ id: 'garbage', title: 'x' }),
      '',
      JSON.stringify(good[2]),
    ].join('\n'),
  );
  const first = await run(['import', file], vars);
  assert.equal(first.code, 0);
  assert.match(first.err, /papers\.jsonl:2: not valid JSON/);
  assert.match(first.err, /papers\.jsonl:4: id: "garbage" is not an arXiv id/);
  assert.match(first.out, /5 read: 3 new, 0 updated, 0 unchanged, 2 rejected/);

  const second = await run(['import', file], vars);
  assert.match(second.out, /5 read: 0 new, 0 updated, 3 unchanged, 2 rejected/);
});

test('import reads gzip and reports a truncated file without losing what came before', async () => {
  const vars = env();
  const lines = Array.from({ length: 50 }, (_, i) =>
    JSON.stringify(buildPaper({ id: `2602.${String(i).padStart(5, '0')}` })),
  );
  const gz = gzipSync(`${lines.join('\n')}\n`);
  const full = join(vars.dir, 'full.jsonl.gz');
  writeFileSync(full, gz);
  assert.match((await run(['import', full], vars)).out, /50 read: 50 new/);

  const truncated = join(vars.dir, 'cut.jsonl.gz');
  writeFileSync(truncated, gz.subarray(0, Math.floor(gz.length / 2)));
  const cut = await run(['import', truncated], vars);
  assert.match(cut.err, /truncated or corrupt/);
  assert.match(cut.out, /0 new, 0 updated, \d+ unchanged, [12] rejected/);
});

test('import of a missing file says so', async () => {
  const vars = env();
  const { code, err } = await run(['import', join(vars.dir, 'nope.jsonl')], vars);
  assert.equal(code, 1);
  assert.match(err, /cannot read .*nope\.jsonl/);
});

test('migrate, doctor and config work on a fresh data dir', async () => {
  const vars = env();
  const doctorBefore = await run(['doctor'], vars);
  assert.equal(doctorBefore.code, 1, 'pending migrations are a ✗');
  assert.match(doctorBefore.out, /✗ migrations: \d+ pending/);
  const migrate = await run(['migrate'], vars);
  assert.equal(migrate.code, 0);
  assert.match(migrate.out, /✓ applied 0001-init/);
  assert.match((await run(['migrate'], vars)).out, /up to date/);
  const doctor = await run(['doctor'], vars);
  assert.equal(doctor.code, 0, doctor.out);
  assert.match(doctor.out, /✓ fts5/);
  assert.match(doctor.out, /keyword index: FTS5 ranking/);
  assert.doesNotMatch(doctor.out, /✗/);
  const optimize = await run(['optimize'], vars);
  assert.equal(optimize.code, 0, optimize.err);
  assert.match(optimize.out, /Store optimized/);
  assert.match(
    (await run(['doctor'], vars)).out,
    /keyword index: impact-ordered index covers 0 papers/,
  );
  const config = await run(['config', '--data-dir', vars.dir], vars);
  assert.match(config.out, /^PORT=8080$/m);
});

test('bad configuration lists every problem and exits 1', async () => {
  const { code, err } = await run(['config'], { PORT: 'x', LOG_LEVEL: 'shout' });
  assert.equal(code, 1);
  assert.match(err, /2 problem/);
  assert.match(err, /PORT/);
  assert.match(err, /LOG_LEVEL/);
});
