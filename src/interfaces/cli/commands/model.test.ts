import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../../../../test/db.ts';
import { DEMO_CORPUS_PATH } from '../../../container.ts';
import { memoryIo } from '../io.ts';
import { runCli } from '../main.ts';

const dir = tempDir();
after(() => dir.remove());
const vars = { PAPERBOY_DATA_DIR: dir.path, LOG_LEVEL: 'warn' };

async function run(args: string[]) {
  const io = memoryIo(vars);
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('model train / use / list / eval on the demo corpus, switching only when better', async () => {
  assert.equal((await run(['import', DEMO_CORPUS_PATH])).code, 0);

  // a deliberately weak model, stored but not used (with BM25 hard negatives, through the worker)
  const weak = await run([
    'model',
    'train',
    '--dim',
    '2',
    '--lexical-dim',
    '2',
    '--epochs',
    '1',
    '--hard-negatives',
    '--no-switch',
  ]);
  assert.equal(weak.code, 0, weak.err);
  assert.match(weak.out, /training on \d+ papers/);
  assert.match(weak.out, /epoch 1: mean loss/);
  assert.match(weak.out, /kept default: stored only/);
  const weakVersion = /stored model (\S+):/.exec(weak.out)?.[1] ?? '';
  assert.ok(weakVersion);
  const manifest = JSON.parse(
    readFileSync(join(dir.path, 'models', 'static', 'manifest.json'), 'utf8'),
  ) as { entries: { version: string; parameters: Record<string, unknown> }[] };
  const weakEntry = manifest.entries.find((e) => e.version === weakVersion);
  assert.equal(weakEntry?.parameters.hardNegatives, 1);

  assert.equal((await run(['model', 'use', weakVersion])).code, 0);
  // a real model beats it on the held-out slice, so the instance switches
  const better = await run([
    'model',
    'train',
    '--dim',
    '32',
    '--lexical-dim',
    '32',
    '--epochs',
    '2',
  ]);
  assert.equal(better.code, 0, better.err);
  assert.match(better.out, /now using \S+: held-out MRR@10 [\d.]+ > [\d.]+/);
  const betterVersion = /stored model (\S+):/.exec(better.out)?.[1] ?? '';

  const listed = await run(['model', 'list']);
  assert.match(listed.out, new RegExp(`\\* ${betterVersion}`));
  assert.match(listed.out, new RegExp(`  ${weakVersion} `));

  const evaluated = await run(['model', 'eval', 'default']);
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.match(evaluated.out, /held-out slice: \d+ of \d+ papers/);
  assert.match(evaluated.out, new RegExp(`\\* ${betterVersion}\\s+MRR@10 [\\d.]+`));
  assert.match(evaluated.out, /default\s+MRR@10 [\d.]+/);

  // a corrupted current model: eval says so and uses the previous one
  const path = join(dir.path, 'models', 'static', `static-${betterVersion}.pbsm`);
  const bytes = readFileSync(path);
  writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
  const fallback = await run(['model', 'eval']);
  assert.match(fallback.err, new RegExp(`skipped ${betterVersion}: .*bad model file`));
  assert.match(fallback.out, new RegExp(`\\* ${weakVersion}`));

  const unknown = await run(['model', 'use', 'nope']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /not found/);
});

test('model train refuses a store with too few papers and bad flags', async () => {
  const empty = tempDir();
  try {
    const io = memoryIo({ PAPERBOY_DATA_DIR: empty.path, LOG_LEVEL: 'warn' });
    assert.equal(await runCli(['model', 'train'], io), 1);
    assert.match(io.stderr.join('\n'), /not trained: only 0 papers/);
    const bad = memoryIo({ PAPERBOY_DATA_DIR: empty.path });
    assert.equal(await runCli(['model', 'train', '--epochs', 'many'], bad), 2);
    assert.match(bad.stderr.join('\n'), /--epochs must be a positive integer/);
  } finally {
    empty.remove();
  }
});
