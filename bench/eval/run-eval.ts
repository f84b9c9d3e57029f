/**
 * `npm run eval`: the relevance harness. Loads SciFact (BEIR test split) and CACM from
 * ../shared/data into a fresh store, runs every query through the production search path
 * (searchPapers) as lexical-only, vector-only and several hybrid fusions, and prints one table:
 * nDCG@10, Recall@100, MAP@100.
 *
 *   npm run eval -- [--embedder use-lite|openai-compatible|transformers|none]
 *                   [--embedder-module ./my-embedder.ts]   (exports createEmbedder(): Promise<Embedder>)
 *                   [--sets scifact,cacm] [--weights 0.1,0.2,0.3,0.5]
 *                   [--store postgres]   (both engines side by side: engine-parity.ts)
 *
 * Document vectors are cached in .cache/eval/<model>/ so re-runs only embed queries.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  SqliteSearchIndex,
  type SqliteSearchOptions,
} from '../../src/adapters/search/sqlite-search-index.ts';
import { UsearchVectorIndex } from '../../src/adapters/search/usearch-vector-index.ts';
import { loadConfig } from '../../src/config.ts';
import { createEmbedder } from '../../src/container.ts';
import { systemClock } from '../../src/core/clock.ts';
import { documentText, textHash } from '../../src/core/embeddings/document-text.ts';
import type { Embedder } from '../../src/core/embeddings/ports.ts';
import type { Paper } from '../../src/core/papers/model.ts';
import { DEFAULT_BOOSTS, type FusionMethod } from '../../src/core/search/fuse.ts';
import { defaultFusion } from '../../src/core/search/fusion-defaults.ts';
import { meaningThreshold } from '../../src/core/search/meaning-thresholds.ts';
import type { VectorIndex } from '../../src/core/search/ports.ts';
import { plainQuery } from '../../src/core/search/query.ts';
import {
  type SearchDeps,
  type SearchMode,
  searchPapers,
} from '../../src/core/search/search-papers.ts';
import { silentLogger } from '../../src/log.ts';
import { type EvalSet, loadCacm, loadSciFact } from './datasets.ts';
import { engineParity, type ParityRow, printParity } from './engine-parity.ts';
import { type EvalStore, openEvalStore } from './eval-store.ts';
import { averagePrecision, mean, ndcgAt, recallAt } from './metrics.ts';
import { evaluateSimilar, type SimilarRow, similarTable } from './similar-eval.ts';

const { values } = parseArgs({
  options: {
    embedder: { type: 'string', default: process.env.PAPERBOY_EMBEDDER ?? 'use-lite' },
    'embedder-module': { type: 'string' },
    sets: { type: 'string', default: 'scifact,cacm' },
    weights: { type: 'string', default: '0.1,0.2,0.3,0.5' },
    'title-weights': { type: 'string', default: '3' },
    store: { type: 'string', default: 'sqlite' },
    /** What to run: search (the judged queries), similar (the similar-papers set), or both. */
    parts: { type: 'string', default: 'search,similar' },
    /** Also run the similar-papers tuning grid (read its tune half only). */
    'similar-grid': { type: 'boolean', default: false },
    /** Extra variants: least shares of a long query's weight a word match holds. */
    'relative-shares': { type: 'string', default: '' },
    /** Extra variants: meaning thresholds (cosine). */
    thresholds: { type: 'string', default: '' },
    /** Extra variants: pseudo-relevance feedback on the meaning side, docs:weight pairs. */
    feedback: { type: 'string', default: '' },
    /** SciFact's split to search: test (reported) or train (for choosing settings). */
    'scifact-split': { type: 'string', default: 'test' },
  },
});

interface Variant {
  name: string;
  mode: SearchMode;
  fusion?: FusionMethod;
  titleWeight?: number;
  /** false: FTS5 ranking only (the impact-ordered index is built, as on a large store). */
  impacts?: boolean;
  /** Relevance cut-off settings other than the shipped ones. */
  relevance?: {
    relativeShare?: number;
    cutoff?: boolean;
    meaningThreshold?: number;
    partial?: boolean;
    feedback?: { docs: number; weight: number };
  };
}

interface Row {
  set: string;
  variant: string;
  ndcg10: number;
  recall100: number;
  map100: number;
  ms: number;
}

async function loadEmbedder(): Promise<Embedder | null> {
  if (values['embedder-module']) {
    const mod = (await import(resolve(values['embedder-module']))) as {
      createEmbedder(): Promise<Embedder>;
    };
    return mod.createEmbedder();
  }
  const config = loadConfig({ ...process.env, PAPERBOY_EMBEDDER: values.embedder });
  if (!config.ok) throw new Error(config.problems.join('\n'));
  return createEmbedder(config.config, silentLogger);
}

/** Document vectors for a set, from the cache or freshly embedded. */
async function docVectors(
  set: EvalSet,
  papers: Paper[],
  embedder: Embedder,
): Promise<Float32Array[]> {
  const dir = resolve(
    import.meta.dirname,
    '../../.cache/eval',
    embedder.modelId.replace(/[^\w.@-]+/g, '_'),
  );
  const file = join(dir, `${set.name}-${papers.length}.f32`);
  if (existsSync(file)) {
    const buf = readFileSync(file);
    const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const dims = all.length / papers.length;
    return papers.map((_, i) => all.slice(i * dims, (i + 1) * dims));
  }
  const out: Float32Array[] = [];
  const started = Date.now();
  for (let i = 0; i < papers.length; i += 64) {
    out.push(...(await embedder.embed(papers.slice(i, i + 64).map(documentText), 'document')));
    const done = Math.min(papers.length, i + 64);
    const rate = done / ((Date.now() - started) / 1000);
    process.stderr.write(
      `\r${set.name}: embedded ${done}/${papers.length} (${rate.toFixed(1)}/s)   `,
    );
  }
  process.stderr.write('\n');
  mkdirSync(dir, { recursive: true });
  const flat = new Float32Array(out.reduce((n, v) => n + v.length, 0));
  let at = 0;
  for (const v of out) {
    flat.set(v, at);
    at += v.length;
  }
  writeFileSync(file, Buffer.from(flat.buffer));
  return out;
}

async function evaluate(
  set: EvalSet,
  embedder: Embedder | null,
  weights: number[],
  similarRows: SimilarRow[],
): Promise<Row[]> {
  const evalStore = await openEvalStore(set, 'paperboy-eval');
  const { store, repo, papers } = evalStore;
  try {
    // What store:optimize builds on a large store: plain queries are then ranked by it.
    await new SqliteSearchIndex(store.gate).buildImpacts();
    const vectors = embedder
      ? await UsearchVectorIndex.open(store.gate, embedder.modelId, systemClock, { dir: null })
      : null;
    if (embedder && vectors) {
      const vs = await docVectors(set, papers, embedder);
      await vectors.put(
        papers.map((p, i) => ({
          paperId: p.id,
          vector: vs[i] as Float32Array,
          textHash: textHash(documentText(p)),
        })),
      );
    }
    const variants: Variant[] = [
      { name: 'lexical (BM25, title×3)', mode: 'lexical' },
      { name: 'lexical, no cut-off', mode: 'lexical', relevance: { cutoff: false } },
      { name: 'lexical, partial matches left out', mode: 'lexical', relevance: { partial: false } },
      { name: 'lexical (FTS5 ranking, no impact index)', mode: 'lexical', impacts: false },
    ];
    for (const floor of list(values['relative-shares'])) {
      variants.push({
        name: `lexical, relative share ${floor}`,
        mode: 'lexical',
        relevance: { relativeShare: floor },
      });
    }
    for (const tw of (values['title-weights'] ?? '')
      .split(',')
      .map(Number)
      .filter((w) => w !== 3 && w > 0)) {
      variants.push({
        name: `lexical (BM25, title×${tw}, FTS5)`,
        mode: 'lexical',
        titleWeight: tw,
        impacts: false,
      });
    }
    if (embedder) {
      variants.push({ name: 'vector only (shipped: feedback 3:1)', mode: 'vector' });
      variants.push({
        name: 'vector only, no feedback',
        mode: 'vector',
        relevance: { feedback: { docs: 0, weight: 0 } },
      });
      variants.push({ name: 'hybrid RRF k=60', mode: 'hybrid', fusion: { kind: 'rrf', k: 60 } });
      for (const w of weights) {
        variants.push({
          name: `hybrid linear w=${w}`,
          mode: 'hybrid',
          fusion: { kind: 'linear', weight: w },
        });
      }
      const shipped = defaultFusion(embedder.modelId);
      variants.push({
        name: `hybrid shipped (${describe(shipped)})`,
        mode: 'hybrid',
        fusion: shipped,
      });
      variants.push({
        name: 'hybrid shipped, partial matches left out',
        mode: 'hybrid',
        fusion: shipped,
        relevance: { partial: false },
      });
      variants.push({
        name: 'hybrid shipped, no cut-off',
        mode: 'hybrid',
        fusion: shipped,
        relevance: { cutoff: false },
      });
      for (const floor of list(values['relative-shares'])) {
        variants.push({
          name: `hybrid shipped, relative share ${floor}`,
          mode: 'hybrid',
          fusion: shipped,
          relevance: { relativeShare: floor },
        });
      }
      for (const pair of (values.feedback ?? '').split(',').filter(Boolean)) {
        const [docs, weight] = pair.split(':').map(Number);
        const feedback = { docs: docs as number, weight: weight as number };
        for (const w of weights) {
          variants.push({
            name: `hybrid w=${w}, feedback ${pair}`,
            mode: 'hybrid',
            fusion: { kind: 'linear', weight: w },
            relevance: { feedback },
          });
        }
        variants.push({
          name: `vector only, feedback ${pair}`,
          mode: 'vector',
          relevance: { feedback },
        });
      }
      for (const t of list(values.thresholds)) {
        variants.push({
          name: `hybrid shipped, meaning threshold ${t}`,
          mode: 'hybrid',
          fusion: shipped,
          relevance: { meaningThreshold: t },
        });
      }
    }
    const parts = (values.parts ?? '').split(',');
    if (parts.includes('similar')) {
      const deps = evalDeps(store, repo, embedder, vectors, { kind: 'linear', weight: 0 });
      similarRows.push(...(await evaluateSimilar(set, deps, values['similar-grid'] ?? false)));
    }
    const rows: Row[] = [];
    for (const v of parts.includes('search') ? variants : []) {
      const deps = evalDeps(
        store,
        repo,
        embedder,
        vectors,
        v.fusion ?? { kind: 'linear', weight: 0 },
        {
          weights: [v.titleWeight ?? 3, 1, 1],
          impacts: v.impacts ?? true,
        },
        {
          meaningThreshold: meaningThreshold(embedder?.modelId ?? null),
          ...v.relevance,
        },
      );
      const ndcg: number[] = [];
      const recall: number[] = [];
      const ap: number[] = [];
      const started = Date.now();
      for (const q of set.queries) {
        const rel = set.qrels.get(q.id) ?? new Map();
        const result = await searchPapers(deps, {
          query: plainQuery(q.text),
          mode: v.mode,
          limit: 100,
        });
        const ranked = result.hits.map((h) => h.paper.id);
        ndcg.push(ndcgAt(ranked, rel, 10));
        recall.push(recallAt(ranked, rel, 100));
        ap.push(averagePrecision(ranked, rel));
      }
      rows.push({
        set: set.name,
        variant: v.name,
        ndcg10: mean(ndcg),
        recall100: mean(recall),
        map100: mean(ap),
        ms: (Date.now() - started) / set.queries.length,
      });
    }
    await vectors?.close();
    return rows;
  } finally {
    await evalStore.close();
  }
}

/** The search use cases' dependencies over an eval store (boosts off: the sets have no signals). */
function evalDeps(
  store: EvalStore['store'],
  repo: EvalStore['repo'],
  embedder: Embedder | null,
  vectors: VectorIndex | null,
  fusion: FusionMethod,
  options: SqliteSearchOptions = {},
  relevance: Pick<
    SearchDeps,
    'meaningThreshold' | 'relativeShare' | 'cutoff' | 'partial' | 'feedback'
  > = {
    meaningThreshold: meaningThreshold(embedder?.modelId ?? null),
  },
): SearchDeps {
  return {
    ...relevance,
    index: new SqliteSearchIndex(store.gate, options),
    papers: repo,
    clock: systemClock,
    log: silentLogger,
    embedder,
    vectors,
    fusion,
    boosts: { ...DEFAULT_BOOSTS, upvotes: 0, recency: 0 },
  };
}

function list(raw: string | undefined): number[] {
  return (raw ?? '')
    .split(',')
    .filter((x) => x.trim() !== '')
    .map(Number);
}

function describe(f: FusionMethod): string {
  return f.kind === 'rrf' ? `rrf k=${f.k}` : `linear w=${f.weight}`;
}

async function main() {
  const embedder = await loadEmbedder();
  const weights = (values.weights ?? '')
    .split(',')
    .map(Number)
    .filter((w) => w >= 0 && w <= 1);
  const split = values['scifact-split'] === 'train' ? 'train' : 'test';
  const loaders: Record<string, () => EvalSet> = {
    scifact: () => loadSciFact(split),
    cacm: loadCacm,
  };
  const rows: Row[] = [];
  const parity: ParityRow[] = [];
  const similarRows: SimilarRow[] = [];
  try {
    for (const name of (values.sets ?? '').split(',')) {
      const load = loaders[name];
      if (!load)
        throw new Error(`unknown set "${name}"; known: ${Object.keys(loaders).join(', ')}`);
      const set = load();
      console.error(`${set.name}: ${set.docs.length} docs, ${set.queries.length} judged queries`);
      if (values.store === 'postgres')
        parity.push(...(await engineParity(set, embedder, docVectors)));
      else rows.push(...(await evaluate(set, embedder, weights, similarRows)));
    }
  } finally {
    await embedder?.close();
  }
  console.log(`\nembedder: ${embedder?.modelId ?? 'none'}; SciFact split: ${split}\n`);
  if (values.store === 'postgres') return printParity(parity);
  console.log('| set | variant | nDCG@10 | Recall@100 | MAP@100 | ms/query |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.set} | ${r.variant} | ${r.ndcg10.toFixed(3)} | ${r.recall100.toFixed(3)} | ${r.map100.toFixed(3)} | ${r.ms.toFixed(1)} |`,
    );
  }
  if (similarRows.length > 0) console.log(`\nSimilar papers\n\n${similarTable(similarRows)}`);
}

await main();
