/**
 * Rebuilds assets/demo-vectors.<model>.bin.gz: the vectors of every paper in the demo corpus for
 * the default embedder, int8-quantised (see src/adapters/files/demo-vectors.ts), so the first
 * start needs no embedding. Run after `npm run demo:build` or when the default model changes.
 *
 *   npm run demo:vectors -- [--embedder static]   (the default; use-lite's file ships too)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeDemoVectors } from '../src/adapters/files/demo-vectors.ts';
import { readPaperJsonl } from '../src/adapters/files/paper-jsonl-reader.ts';
import { loadConfig } from '../src/config.ts';
import { createEmbedder, DEMO_CORPUS_PATH, demoVectorsPath } from '../src/container.ts';
import { documentText, textHash } from '../src/core/embeddings/document-text.ts';
import type { Paper } from '../src/core/papers/model.ts';
import type { PaperVector } from '../src/core/search/ports.ts';
import { silentLogger } from '../src/log.ts';

const { values } = parseArgs({ options: { embedder: { type: 'string', default: 'static' } } });
const config = loadConfig({ PAPERBOY_EMBEDDER: values.embedder });
if (!config.ok) throw new Error(config.problems.join('\n'));
const embedder = await createEmbedder(config.config, silentLogger);
if (!embedder) throw new Error('choose an embedder');
const papers: Paper[] = [];
for await (const r of readPaperJsonl(DEMO_CORPUS_PATH)) if ('paper' in r) papers.push(r.paper);
const vectors: PaperVector[] = [];
const started = Date.now();
for (let i = 0; i < papers.length; i += 64) {
  const batch = papers.slice(i, i + 64);
  const out = await embedder.embed(batch.map(documentText), 'document');
  batch.forEach((p, j) => {
    vectors.push({
      paperId: p.id,
      vector: out[j] as Float32Array,
      textHash: textHash(documentText(p)),
    });
  });
  process.stderr.write(
    `\r${vectors.length}/${papers.length} (${(vectors.length / ((Date.now() - started) / 1000)).toFixed(1)}/s)`,
  );
}
process.stderr.write('\n');
const bytes = encodeDemoVectors({
  modelId: embedder.modelId,
  dimensions: vectors[0]?.vector.length ?? 0,
  vectors,
});
const path = demoVectorsPath(embedder.modelId);
writeFileSync(path, bytes);
console.log(`${path}: ${vectors.length} vectors, ${(bytes.length / 1024).toFixed(0)} KiB`);
await embedder.close();
