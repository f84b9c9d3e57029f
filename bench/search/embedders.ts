/**
 * Embedding throughput of the shipped embedders on real abstracts: documents per second in
 * batches of 64 (the embedding job's batch) and the latency of one uncached query.
 */
import { loadConfig } from '../../src/config.ts';
import { createEmbedder } from '../../src/container.ts';
import { documentText } from '../../src/core/embeddings/document-text.ts';
import { silentLogger } from '../../src/log.ts';
import type { BenchPaper } from './real-corpus.ts';

export async function measureEmbedders(names: string[], real: BenchPaper[]): Promise<void> {
  console.log('\n| embedder | docs/s (batches of 64) | one query, ms (p50 of 20) |');
  console.log('| --- | ---: | ---: |');
  for (const name of names) {
    const config = loadConfig({ ...process.env, PAPERBOY_EMBEDDER: name });
    if (!config.ok) throw new Error(config.problems.join('\n'));
    const embedder = await createEmbedder(config.config, silentLogger);
    if (!embedder) continue;
    try {
      const docs = real
        .slice(0, 256)
        .map((p) => documentText({ title: p.title, abstract: p.abstract }));
      await embedder.embed(docs.slice(0, 4), 'document');
      await embedder.embed(docs.slice(0, 64), 'document');
      let t = Date.now();
      for (let i = 0; i < docs.length; i += 64)
        await embedder.embed(docs.slice(i, i + 64), 'document');
      const rate = docs.length / ((Date.now() - t) / 1000);
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        t = Date.now();
        await embedder.embed([`query number ${i} about ${real[i]?.title ?? ''}`], 'query');
        times.push(Date.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `| ${embedder.modelId} (${config.config.embedderThreads} threads) | ${rate.toFixed(1)} | ${times[10]} |`,
      );
    } finally {
      await embedder.close();
    }
  }
}
