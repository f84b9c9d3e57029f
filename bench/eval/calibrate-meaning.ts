/**
 * `npm run eval:calibrate -- --embedder static|use-lite|…`: calibrates an embedder's "close in
 * meaning" threshold (core/search/meaning-thresholds.ts) on the shared corpus's held-out papers
 * (1 in 50 by a hash of the id, never trained on by the static model; no evaluation set is read).
 *
 * The rule: a paper is close in meaning to a query when their cosine is at least what an
 * unrelated title and abstract reach only once in a thousand (the 99.9th percentile of titles
 * against other papers' abstracts), and at least what made-up words reach at best (the largest
 * cosine of 200 random letter strings to any held-out abstract). It prints both, the threshold
 * (the larger, rounded up to 0.01) and how many titles reach their own abstract at it.
 */
import { parseArgs } from 'node:util';
import { readSharedCorpus } from '../../scripts/model/read-shared-corpus.ts';
import { loadConfig } from '../../src/config.ts';
import { createEmbedder } from '../../src/container.ts';
import { documentText } from '../../src/core/embeddings/document-text.ts';
import type { Embedder } from '../../src/core/embeddings/ports.ts';
import { isHeldOut } from '../../src/core/embeddings/static/evaluate-model.ts';
import { silentLogger } from '../../src/log.ts';
import { sharedDataDir } from './datasets.ts';

const { values } = parseArgs({
  options: { embedder: { type: 'string', default: 'static' } },
});

async function embedAll(e: Embedder, texts: string[], kind: 'query' | 'document') {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 64) {
    out.push(...(await e.embed(texts.slice(i, i + 64), kind)));
    process.stderr.write(`\r${kind}s embedded ${Math.min(texts.length, i + 64)}/${texts.length}  `);
  }
  process.stderr.write('\n');
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Random letter strings of 1–3 words, 5–9 letters each (seeded). */
function nonsense(n: number): string[] {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
      Array.from(
        { length: 5 + Math.floor(next() * 5) },
        () => letters[Math.floor(next() * 26)],
      ).join(''),
    ).join(' '),
  );
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

const config = loadConfig({ ...process.env, PAPERBOY_EMBEDDER: values.embedder });
if (!config.ok) throw new Error(config.problems.join('\n'));
const embedder = await createEmbedder(config.config, silentLogger);
if (!embedder) throw new Error('choose an embedder (not none)');
try {
  const held = readSharedCorpus(sharedDataDir()).filter((p) => isHeldOut(p.id));
  console.error(`${held.length} held-out papers`);
  const docs = await embedAll(embedder, held.map(documentText), 'document');
  const titles = await embedAll(
    embedder,
    held.map((p) => p.title),
    'query',
  );
  const own = titles.map((t, i) => dot(t, docs[i] as Float32Array));
  const others: number[] = [];
  titles.forEach((t, i) => {
    docs.forEach((d, j) => {
      if (i !== j) others.push(dot(t, d));
    });
  });
  const junk = await embedAll(embedder, nonsense(200), 'query');
  const junkBest = junk.map((q) => Math.max(...docs.map((d) => dot(q, d))));
  const unrelated = percentile(others, 0.999);
  const madeUp = Math.max(...junkBest);
  const threshold = Math.ceil(Math.max(unrelated, madeUp) * 100) / 100;
  const reach = own.filter((c) => c >= threshold).length / own.length;
  console.log(`embedder: ${embedder.modelId}`);
  console.log(
    `| held-out papers | unrelated title→abstract p99 / p99.9 | made-up words, best cosine (p50 / max) | own title→abstract p10 / p50 | threshold | titles reaching their abstract |`,
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ${held.length} | ${percentile(others, 0.99).toFixed(3)} / ${unrelated.toFixed(3)} | ${percentile(junkBest, 0.5).toFixed(3)} / ${madeUp.toFixed(3)} | ${percentile(own, 0.1).toFixed(3)} / ${percentile(own, 0.5).toFixed(3)} | **${threshold.toFixed(2)}** | ${(reach * 100).toFixed(1)}% |`,
  );
} finally {
  await embedder.close();
}
