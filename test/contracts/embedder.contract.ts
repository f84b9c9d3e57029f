/**
 * The Embedder contract: every adapter (bundled model, HTTP, ONNX, trained static model) must pass
 * it. `make` is called once per suite, so real models load once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Embedder } from '../../src/core/embeddings/ports.ts';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

export function runEmbedderContract(name: string, make: () => Promise<Embedder>): void {
  describe(`Embedder contract: ${name}`, () => {
    let e: Embedder;
    before(async () => {
      e = await make();
    });
    after(() => e.close());

    test('has a stable model id', () => {
      assert.match(e.modelId, /\S/);
    });

    test('returns one unit-length vector per text, in order, of one length', async () => {
      const texts = ['graph neural networks for molecules', 'a recipe for lemon cake', 'x'];
      const vs = await e.embed(texts, 'document');
      assert.equal(vs.length, 3);
      for (const v of vs) {
        assert.ok(v instanceof Float32Array);
        assert.equal(v.length, vs[0]?.length);
        assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-3);
      }
      if (e.dimensions > 0) assert.equal(vs[0]?.length, e.dimensions);
      assert.deepEqual(await e.embed([], 'query'), []);
    });

    test('is deterministic and puts related texts closer than unrelated ones', async () => {
      const [a, b, c] = await e.embed(
        [
          'deep learning for protein structure prediction',
          'predicting protein folding with neural networks',
          'medieval poetry and the history of the sonnet',
        ],
        'document',
      );
      const [a2] = await e.embed(['deep learning for protein structure prediction'], 'document');
      assert.ok(a && b && c && a2);
      assert.ok(cosine(a, a2) > 0.999);
      assert.ok(cosine(a, b) > cosine(a, c), `${cosine(a, b)} vs ${cosine(a, c)}`);
    });
  });
}
