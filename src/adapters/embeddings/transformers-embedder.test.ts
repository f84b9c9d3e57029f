/**
 * The transformers embedder on a tiny ONNX model the test builds, offline. @huggingface/transformers
 * is an optional package: without it these tests are skipped with a message, unless
 * PAPERBOY_REQUIRE_TRANSFORMERS=1 (set by .ci/run, which installs it) makes that a failure.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runEmbedderContract } from '../../../test/contracts/embedder.contract.ts';
import { tempDir } from '../../../test/db.ts';
import { writeTinyModel } from '../../../test/tiny-onnx-model.ts';
import { isAppError } from '../../core/errors.ts';
import { importTransformers, TransformersEmbedder } from './transformers-embedder.ts';
import '../../../test/no-network.ts';

const installed = await import('@huggingface/transformers').then(
  () => true,
  (error: { code?: unknown }) => {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return false;
  },
);
if (!installed && process.env.PAPERBOY_REQUIRE_TRANSFORMERS === '1')
  throw new Error('@huggingface/transformers is required here (PAPERBOY_REQUIRE_TRANSFORMERS=1)');
const skip = installed ? false : '@huggingface/transformers is not installed (optional package)';

const dir = tempDir('paperboy-onnx-');
after(() => dir.remove());

/** Words of the contract's texts; topic words share a direction so meaning is measurable. */
const TOPIC: Record<string, number> = {
  protein: 0,
  folding: 0,
  structure: 0,
  prediction: 0,
  predicting: 0,
  deep: 1,
  learning: 1,
  neural: 1,
  networks: 1,
  graph: 1,
  molecules: 1,
  medieval: 2,
  poetry: 2,
  history: 2,
  sonnet: 2,
  recipe: 3,
  lemon: 3,
  cake: 3,
};
const WORDS = [...Object.keys(TOPIC), 'for', 'with', 'and', 'the', 'of', 'a', 'x'];
const embed = (word: string) => {
  const v = new Array(8).fill(0.05);
  const t = TOPIC[word];
  if (t !== undefined) v[t] = 1;
  let h = 0;
  for (const ch of word) h = (h * 31 + ch.charCodeAt(0)) % 997;
  v[4 + (h % 4)] += 0.3;
  return v;
};
const model = writeTinyModel(`${dir.path}/tiny-encoder`, WORDS, embed);

if (installed) {
  runEmbedderContract('transformers (tiny ONNX model built by the test)', () =>
    TransformersEmbedder.load({ model, cacheDir: `${dir.path}/cache`, allowRemote: false }),
  );
} else {
  test('transformers embedder contract', { skip }, () => {});
}

test('without the optional package, loading says how to install it', async () => {
  // A real failed import of a package that is not installed (typed as string: not type-checked).
  const missing: string = '@huggingface/transformers-not-installed';
  await assert.rejects(
    importTransformers(() => import(missing)),
    (e) =>
      isAppError(e, 'model_unavailable') &&
      /npm install @huggingface\/transformers/.test(e.message),
  );
});

test('offline without a local copy it fails clearly (container.ts then falls back)', {
  skip,
}, async () => {
  await assert.rejects(
    TransformersEmbedder.load({
      model: 'Xenova/bge-small-en-v1.5',
      cacheDir: `${dir.path}/cache`,
      allowRemote: false,
    }),
    (e) => isAppError(e, 'model_unavailable') && /Hugging Face Hub/.test(e.message),
  );
});

test('PAPERBOY_EMBEDDER=transformers offline falls back to the bundled model and says why', async () => {
  const { createEmbedder } = await import('../../container.ts');
  const { createMemoryLogger } = await import('../../log.ts');
  const { testConfig } = await import('../../../test/db.ts');
  const log = createMemoryLogger();
  const config = testConfig(dir.path, { PAPERBOY_EMBEDDER: 'transformers' });
  const embedder = await createEmbedder(config, log);
  assert.match(embedder?.modelId ?? '', /^use-lite@[0-9a-f]{12}$/);
  assert.ok(log.entries.some((e) => e.level === 'error' && /falling back/.test(e.msg)));
  await embedder?.close();
});
