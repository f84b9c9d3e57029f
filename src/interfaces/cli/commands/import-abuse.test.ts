/**
 * Hostile import files: a gzip bomb holding one 600 MiB line (over V8's longest string) is
 * skipped line by line instead of crashing; a truncated archive exits 1 and says how far it got;
 * a directory is a clear error, not a raw EISDIR.
 */
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, test } from 'node:test';
import { createGunzip, createGzip, gzipSync } from 'node:zlib';
import { tempDir } from '../../../../test/db.ts';
import { DEMO_CORPUS_PATH } from '../../../container.ts';
import { memoryIo } from '../io.ts';
import { runCli } from '../main.ts';

const dir = tempDir();
after(() => dir.remove());

async function importFile(file: string, dataDir: string) {
  const io = memoryIo({ PAPERBOY_DATA_DIR: dataDir, PAPERBOY_DEMO: 'false', LOG_LEVEL: 'warn' });
  const code = await runCli(['import', file], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function demoLines(n: number): Promise<string[]> {
  const lines: string[] = [];
  let rest = '';
  for await (const chunk of createReadStream(DEMO_CORPUS_PATH).pipe(createGunzip())) {
    const parts = (rest + String(chunk)).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim() !== ''));
    if (lines.length >= n) break;
  }
  return lines.slice(0, n);
}

test('a gzip bomb with one 600 MiB line: that line is rejected, the rest imported', async () => {
  const [first, second] = await demoLines(2);
  const bomb = join(dir.path, 'bomb.jsonl.gz');
  const mib = Buffer.alloc(1024 * 1024, 0x61);
  async function* content() {
    yield Buffer.from(`${first}\n{"id":"2608.00001","title":"`);
    for (let i = 0; i < 600; i++) yield mib;
    yield Buffer.from(`"}\n${second}\n`);
  }
  await pipeline(Readable.from(content()), createGzip({ level: 1 }), createWriteStream(bomb));
  const r = await importFile(bomb, join(dir.path, 'bomb-store'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /:2: line is longer than 1000000 bytes; skipped without reading it/);
  assert.match(r.out, /2 new, 0 updated, 0 unchanged, 1 rejected/);
});

test('a truncated archive exits 1 and says how far it got', async () => {
  const lines = await demoLines(200);
  const whole = gzipSync(`${lines.join('\n')}\n`);
  const cut = join(dir.path, 'cut.jsonl.gz');
  writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const r = await importFile(cut, join(dir.path, 'cut-store'));
  assert.equal(r.code, 1, r.out);
  assert.match(r.err, /ended early: lines 1–\d+ were read and imported, nothing after them/);
  const imported = Number(/(\d+) new/.exec(r.out)?.[1]);
  assert.ok(imported > 0 && imported < 200, r.out);
});

test('a directory is a clear error, not EISDIR', async () => {
  const folder = join(dir.path, 'a-folder');
  mkdirSync(folder);
  const r = await importFile(folder, join(dir.path, 'dir-store'));
  assert.equal(r.code, 1);
  assert.match(r.err, /is a directory; give one \.jsonl or \.jsonl\.gz file/);
  assert.doesNotMatch(r.err, /EISDIR/);
});
