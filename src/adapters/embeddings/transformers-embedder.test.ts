import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runEmbedderContract } from '../../../test/contracts/embedder.contract.ts';
import { tempDir } from '../../../test/db.ts';
import { writeTinyModel } from '../../../test/tiny-onnx-model.ts';
import { isAppError } from '../../core/errors.ts';
import { TransformersEmbedder } from './transformers-embedder.ts';
import '../../../test/no-network.ts';

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

runEmbedderContract('transformers (tiny ONNX model built by the test)', () =>
  TransformersEmbedder.load({ model, cacheDir: `${dir.path}/cache`, allowRemote: false }),
);

test('offline without a local copy it fails clearly (container.ts then falls back)', async () => {
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
  assert.equal(embedder?.modelId, 'use-lite@1');
  assert.ok(log.entries.some((e) => e.level === 'error' && /falling back/.test(e.msg)));
  await embedder?.close();
});
