import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContainer } from '../../../test/db.ts';
import { HashEmbedder } from '../../../test/hash-embedder.ts';
import { useLiteModelId } from '../../adapters/embeddings/use-lite-embedder.ts';
import { loadConfig } from '../../config.ts';
import { createEmbedder } from '../../container.ts';
import { silentLogger } from '../../log.ts';

/** The id of the model PAPERBOY_EMBEDDER defaults to (its content hash). */
async function defaultModelId(): Promise<string> {
  const config = loadConfig({});
  if (!config.ok) throw new Error(config.problems.join('\n'));
  const embedder = await createEmbedder(config.config, silentLogger);
  await embedder?.close();
  return embedder?.modelId ?? 'none';
}

for (const [which, id] of [
  ['the default model', await defaultModelId()],
  ['use-lite', useLiteModelId()],
] as const) {
  test(`the demo corpus ships with vectors for ${which}: first start needs no embedding`, async () => {
    // Same model id, so the shipped file applies; no model is loaded.
    const c = await createTestContainer({
      env: { PAPERBOY_DEMO: 'true' },
      embedder: new HashEmbedder(id),
    });
    try {
      await c.seedDemo();
      const papers = await c.papers.count();
      assert.ok(papers > 1000);
      assert.deepEqual(await c.search.vectors?.coverage(), { embedded: papers, papers });
      assert.equal(await c.embeddingQueue.size(), 0);
      assert.ok(c.logs.entries.some((e) => e.msg === 'demo vectors loaded'));
    } finally {
      await c.dispose();
    }
  });
}

test('another model gets no precomputed vectors and embeds the demo in the background', async () => {
  const c = await createTestContainer({
    env: { PAPERBOY_DEMO: 'true' },
    embedder: new HashEmbedder('other@1'),
  });
  try {
    await c.seedDemo();
    assert.equal((await c.search.vectors?.coverage())?.embedded, 0);
    assert.equal(await c.embeddingQueue.size(), await c.papers.count());
  } finally {
    await c.dispose();
  }
});
