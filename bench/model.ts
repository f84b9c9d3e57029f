/**
 * `npm run bench:model`: speed of the bundled static embedding model — abstracts embedded per
 * second (one thread, and two worker threads), and query latency (median / p99) on the 400 real
 * CS search queries in ../shared/data/paperlantern-cs-queries. Run it under
 * `flock /work/.bench.lock` with `uptime` noted when quoting figures.
 *
 *   npm run bench:model -- [--data ../shared/data] [--model assets/models/paperboy-static.pbsm]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { readSharedCorpus } from '../scripts/model/read-shared-corpus.ts';
import { StaticEncoder } from '../src/core/embeddings/static/model.ts';
import { decodeModel } from '../src/core/embeddings/static/model-codec.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    model: { type: 'string', default: 'assets/models/paperboy-static.pbsm' },
    abstracts: { type: 'string', default: '20000' },
  },
});

const modelPath = resolve(values.model);
const bytes = readFileSync(modelPath);
let t = performance.now();
const { model } = decodeModel(new Uint8Array(bytes));
const encoder = new StaticEncoder(model);
console.log(
  `model: ${(bytes.length / 1e6).toFixed(2)} MB on disk, ${model.tokens.length} tokens, ${encoder.dim} dims, loaded in ${(performance.now() - t).toFixed(0)} ms`,
);

const corpus = readSharedCorpus(resolve(values.data));
const texts = corpus.slice(0, Number(values.abstracts)).map((p) => `${p.title}\n\n${p.abstract}`);
const chars = texts.reduce((s, x) => s + x.length, 0);

// warm-up, then one thread
for (const x of texts.slice(0, 500)) encoder.embed(x);
t = performance.now();
for (const x of texts) encoder.embed(x);
const oneThread = texts.length / ((performance.now() - t) / 1000);
console.log(
  `embed, 1 thread: ${texts.length} abstracts (avg ${Math.round(chars / texts.length)} chars) at ${oneThread.toFixed(0)} abstracts/s`,
);

// two worker threads, each with its own copy of the model
const workerSource = `
  const { parentPort, workerData } = require('node:worker_threads');
  parentPort.once('message', async () => {
    const { register } = await import('tsx/esm/api');
    register();
    const { decodeModel } = await import(workerData.codec);
    const { StaticEncoder } = await import(workerData.modelModule);
    const enc = new StaticEncoder(decodeModel(new Uint8Array(workerData.bytes)).model);
    for (const x of workerData.texts.slice(0, 200)) enc.embed(x);
    parentPort.postMessage('ready');
    parentPort.once('message', () => {
      for (const x of workerData.texts) enc.embed(x);
      parentPort.postMessage('done');
    });
  });`;
const half = Math.ceil(texts.length / 2);
const workers = [texts.slice(0, half), texts.slice(half)].map(
  (part) =>
    new Worker(workerSource, {
      eval: true,
      workerData: {
        bytes,
        texts: part,
        codec: new URL('../src/core/embeddings/static/model-codec.ts', import.meta.url).href,
        modelModule: new URL('../src/core/embeddings/static/model.ts', import.meta.url).href,
      },
    }),
);
const next = (w: Worker) => new Promise((ok) => w.once('message', ok));
await Promise.all(
  workers.map((w) => {
    const ready = next(w);
    w.postMessage('go');
    return ready;
  }),
);
t = performance.now();
await Promise.all(
  workers.map((w) => {
    const done = next(w);
    w.postMessage('go');
    return done;
  }),
);
const twoThreads = texts.length / ((performance.now() - t) / 1000);
await Promise.all(workers.map((w) => w.terminate()));
console.log(`embed, 2 threads: ${twoThreads.toFixed(0)} abstracts/s`);

const queries: string[] = [];
for (const file of [
  'computer_science_ai_search_queries.json',
  'computer_science_non_ai_search_queries.json',
]) {
  const json = JSON.parse(
    readFileSync(join(resolve(values.data), 'paperlantern-cs-queries', file), 'utf8'),
  ) as Record<string, { search_query: string }>;
  for (const q of Object.values(json)) queries.push(q.search_query);
}
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const q of queries) {
    const s = performance.now();
    encoder.embed(q);
    times.push(performance.now() - s);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
console.log(
  `query embedding: ${queries.length} queries × 5: median ${(at(0.5) * 1000).toFixed(0)} µs, p99 ${(at(0.99) * 1000).toFixed(0)} µs, max ${(at(1) * 1000).toFixed(0)} µs`,
);
