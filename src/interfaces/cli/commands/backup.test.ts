/**
 * `paperboy backup` under write load: another process commits pairs of rows without pause while
 * the backup runs; the copy passes SQLite's integrity check and holds only whole pairs (one
 * moment of the store). `paperboy restore` puts it back (the store then serves again), refuses a
 * file that is not a store, and never overwrites with a backup an existing file.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../../../../test/db.ts';
import { memoryIo } from '../io.ts';
import { runCli } from '../main.ts';

const dir = tempDir();
after(() => dir.remove());
const live = join(dir.path, 'live');
const env = (dataDir: string) => ({
  PAPERBOY_DATA_DIR: dataDir,
  PAPERBOY_DEMO: 'false',
  PAPERBOY_EMBEDDER: 'none',
  LOG_LEVEL: 'warn',
});

async function cli(dataDir: string, ...args: string[]) {
  const io = memoryIo(env(dataDir));
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

function pairs(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const halves = db
      .prepare('SELECT half, count(*) AS n FROM load_pairs GROUP BY half ORDER BY half')
      .all() as { half: number; n: number }[];
    return {
      check: db.pragma('integrity_check', { simple: true }),
      first: halves[0]?.n ?? 0,
      second: halves[1]?.n ?? 0,
    };
  } finally {
    db.close();
  }
}

test('backup while another process writes: an intact copy of one moment; restore puts it back', async () => {
  assert.equal((await cli(live, 'migrate')).code, 0);
  const store = join(live, 'paperboy.db');
  const writer = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../../../../test/write-load-process.ts'), store],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: writer.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  assert.equal((await iterator.next()).value, 'ready');

  const copy = join(dir.path, 'copy.db');
  const backup = await cli(live, 'backup', copy);
  assert.equal(backup.code, 0, backup.err);
  assert.match(backup.out, /Backed up the store to .*copy\.db \(\d+\.\d MiB\)/);
  writer.stdin.end();
  const total = Number(/pairs (\d+)/.exec(String((await iterator.next()).value))?.[1]);
  await once(writer, 'exit');

  const snapshot = pairs(copy);
  assert.equal(snapshot.check, 'ok');
  assert.equal(snapshot.first, snapshot.second, 'only whole pairs: one moment of the store');
  assert.ok(snapshot.first >= 200 && snapshot.first <= total, `${snapshot.first} of ${total}`);
  assert.ok(total > snapshot.first, 'the writer kept writing during and after the backup');

  // A second backup to the same name is refused; the first copy is untouched.
  const again = await cli(live, 'backup', copy);
  assert.equal(again.code, 1);
  assert.match(again.err, /already exists; give a new file name/);

  // Restore into the live store (stopped now): it holds the copy's moment, and serves again.
  const restored = await cli(live, 'restore', copy);
  assert.equal(restored.code, 0, restored.err);
  const now = pairs(store);
  assert.equal(now.first, snapshot.first);
  const doctor = await cli(live, 'doctor');
  assert.match(doctor.out, /✓ migrations/);
});

test('restore refuses a file that is not a paperboy store and changes nothing', async () => {
  const other = join(dir.path, 'other');
  assert.equal((await cli(other, 'migrate')).code, 0);
  const junk = join(dir.path, 'junk.db');
  writeFileSync(junk, 'this is not a database, just text '.repeat(200));
  const r = await cli(other, 'restore', junk);
  assert.equal(r.code, 1);
  assert.match(r.err, /is not a paperboy store backup/);
  const empty = join(dir.path, 'empty.db');
  new Database(empty).close();
  const e = await cli(other, 'restore', empty);
  assert.match(e.err, /has no paperboy migrations table/);
  assert.match((await cli(other, 'doctor')).out, /✓ migrations/);
});
