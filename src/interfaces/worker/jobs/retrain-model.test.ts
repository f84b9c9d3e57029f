/**
 * The weekly retrain trains the static model, so it is scheduled only while `static` is the
 * active embedder (and PAPERBOY_MODEL_RETRAIN_DAYS is not 0).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContainer } from '../../../../test/db.ts';
import { buildJobs } from './index.ts';

const scheduled = async (env: Record<string, string>) => {
  const c = await createTestContainer({ env, embedder: null });
  try {
    return buildJobs(c).some((job) => job.name === 'model:retrain');
  } finally {
    await c.dispose();
  }
};

test('model:retrain runs only for the static embedder, and not when turned off', async () => {
  assert.equal(await scheduled({ PAPERBOY_EMBEDDER: 'static' }), true);
  assert.equal(await scheduled({ PAPERBOY_EMBEDDER: 'use-lite' }), false);
  assert.equal(await scheduled({ PAPERBOY_EMBEDDER: 'transformers' }), false);
  assert.equal(await scheduled({ PAPERBOY_EMBEDDER: 'none' }), false);
  assert.equal(
    await scheduled({ PAPERBOY_EMBEDDER: 'static', PAPERBOY_MODEL_RETRAIN_DAYS: '0' }),
    false,
  );
});
