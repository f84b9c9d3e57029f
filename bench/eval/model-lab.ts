/**
 * The static model's development harness: trains (or loads) a static model and scores it on the
 * evaluation sets in seconds, reproducing `npm run eval`'s production path (FTS5 BM25 candidates,
 * exact vector search, min-max linear fusion, ties by id) in memory. The lexical candidate lists
 * come from the real SqliteSearchIndex once and are cached in .cache/eval/. Queries and judgments
 * are only read to score; nothing here trains on them.
 *
 *   npx tsx bench/eval/model-lab.ts --model assets/models/paperboy-static.pbsm
 *   npx tsx bench/eval/model-lab.ts --train '{"epochs":2}' [--save /tmp/x.pbsm]
 *   npx tsx bench/eval/model-lab.ts --model x.pbsm --adapt scifact   (fine-tune on the set's own
 *       documents, title ↔ abstract, as model:retrain would on an instance holding them)
 *   options: --sets scifact,cacm --shares 0.5,0.25,0 --weights 0.2,0.3,0.5
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_OPTIONS } from '../../scripts/model/bundled-options.ts';
import { readSharedCorpus } from '../../scripts/model/read-shared-corpus.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';
import { documentText } from '../../src/core/embeddings/document-text.ts';
import {
  splitHeldOut,
  titleToAbstractMrr,
} from '../../src/core/embeddings/static/evaluate-model.ts';
import { StaticEncoder, type StaticModel } from '../../src/core/embeddings/static/model.ts';
import { decodeModel, encodeModel } from '../../src/core/embeddings/static/model-codec.ts';
import { WordSplitter } from '../../src/core/embeddings/static/tokenizer.ts';
import {
  initModel,
  type TrainOptions,
  trainModel,
} from '../../src/core/embeddings/static/train-model.ts';
import {
  type TrainingPaper,
  tokenizePaper,
} from '../../src/core/embeddings/static/training-pairs.ts';
import { byScoreThenId, fuse, type Scored } from '../../src/core/search/fuse.ts';
import { plainQuery } from '../../src/core/search/query.ts';
import { CANDIDATES, toTextQuery } from '../../src/core/search/search-papers.ts';
import { type EvalSet, loadCacm, loadSciFact } from './datasets.ts';
import { openEvalStore } from './eval-store.ts';
import { mean, ndcgAt } from './metrics.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    train: { type: 'string' },
    save: { type: 'string' },
    adapt: { type: 'string' },
    'adapt-options': { type: 'string', default: '{}' },
    data: { type: 'string', default: '../shared/data' },
    sets: { type: 'string', default: 'scifact,cacm' },
    shares: { type: 'string', default: '' },
    weights: { type: 'string', default: '0.2,0.3,0.5' },
  },
});

const started = Date.now();
const log = (line: string) =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}`);

const loaders: Record<string, () => EvalSet> = { scifact: loadSciFact, cacm: loadCacm };

/** BM25 candidates of every query from the production index (cached). */
async function lexicalLists(set: EvalSet): Promise<Scored[][]> {
  const file = resolve(
    import.meta.dirname,
    `../../.cache/eval/lexical-${set.name}-${set.docs.length}.json`,
  );
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Scored[][];
  const evalStore = await openEvalStore(set, 'paperboy-lab');
  try {
    const index = new SqliteSearchIndex(evalStore.store.gate, { weights: [3, 1, 1] });
    const out: Scored[][] = [];
    for (const q of set.queries) {
      const parsed = plainQuery(q.text);
      out.push(await index.searchText(toTextQuery(parsed), parsed.filters, CANDIDATES));
    }
    mkdirSync(resolve(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(out));
    return out;
  } finally {
    await evalStore.close();
  }
}

/** Query vector with the lexical part's share changed to `share` (documents keep theirs). */
function queryVector(encoder: StaticEncoder, text: string, share: number | null): Float32Array {
  const v = encoder.embed(text);
  if (share === null) return v;
  const { lexicalDim, lexicalShare } = encoder.model;
  const a = Math.sqrt(share / lexicalShare);
  const b = Math.sqrt((1 - share) / (1 - lexicalShare));
  for (let k = 0; k < v.length; k++) v[k]! *= k < lexicalDim ? a : b;
  return v;
}

interface Scores {
  dense: number;
  hybrid: Map<number, number>;
}

function scoreSet(
  model: StaticModel,
  set: EvalSet,
  lexical: Scored[][],
  share: number | null,
  weights: number[],
): Scores {
  const encoder = new StaticEncoder(model);
  const dim = encoder.dim;
  const n = set.docs.length;
  const docs = new Float32Array(n * dim);
  set.docs.forEach((d, i) => {
    docs.set(encoder.embed(documentText({ title: d.title, abstract: d.text })), i * dim);
  });
  const ids = set.docs.map((d) => d.id);
  const dense: number[] = [];
  const hybrid = new Map<number, number[]>(weights.map((w) => [w, []]));
  const sims = new Float32Array(n);
  set.queries.forEach((q, qi) => {
    const rel = set.qrels.get(q.id) ?? new Map<string, number>();
    const qv = queryVector(encoder, plainQuery(q.text).text, share);
    for (let j = 0; j < n; j++) {
      let s = 0;
      const base = j * dim;
      for (let k = 0; k < dim; k++) s += qv[k]! * docs[base + k]!;
      sims[j] = s;
    }
    const order = Array.from({ length: n }, (_, j) => j)
      .sort((a, b) => sims[b]! - sims[a]!)
      .slice(0, CANDIDATES);
    const near: Scored[] = order.map((j) => ({ id: ids[j]!, score: sims[j]! }));
    dense.push(
      ndcgAt(
        [...near].sort(byScoreThenId).map((h) => h.id),
        rel,
        10,
      ),
    );
    const seen = new Set(near.map((h) => h.id));
    const lex = lexical[qi] ?? [];
    const index = new Map(ids.map((id, j) => [id, j]));
    const semantic = [
      ...near,
      ...lex
        .filter((h) => !seen.has(h.id))
        .map((h) => ({ id: h.id, score: sims[index.get(h.id)!]! })),
    ];
    for (const w of weights) {
      const fused = fuse(lex, semantic, { kind: 'linear', weight: w }).slice(0, CANDIDATES);
      hybrid.get(w)!.push(ndcgAt(fused.map((f) => f.id).slice(0, 100), rel, 10));
    }
  });
  return {
    dense: mean(dense),
    hybrid: new Map([...hybrid].map(([w, xs]) => [w, mean(xs)])),
  };
}

const weights = values.weights.split(',').filter(Boolean).map(Number);
const shares = values.shares ? values.shares.split(',').map(Number) : [null];
const sets = values.sets.split(',').map((name) => {
  const load = loaders[name];
  if (!load) throw new Error(`unknown set ${name}`);
  return load();
});

/** Scores `model` as it would ship (int8 rows) on every set and prints the rows. */
async function report(label: string, trained: StaticModel, heldOut: readonly TrainingPaper[]) {
  const model = decodeModel(encodeModel(trained)).model;
  const mrr = titleToAbstractMrr(model, heldOut);
  console.log(`\n${label}: held-out MRR@10 ${mrr.toFixed(4)}`);
  console.log(`| set | query share | dense | ${weights.map((w) => `w=${w}`).join(' | ')} |`);
  console.log(`| --- | --- | ---: | ${weights.map(() => '---:').join(' | ')} |`);
  for (const set of sets) {
    const lexical = await lexicalLists(set);
    const adapted = values.adapt === set.name;
    const m = adapted ? adapt(model, set) : model;
    for (const share of shares) {
      const s = scoreSet(m, set, lexical, share, weights);
      console.log(
        `| ${set.name}${adapted ? ' (adapted)' : ''} | ${share ?? 'model'} | ${s.dense.toFixed(3)} | ${[...s.hybrid.values()].map((x) => x.toFixed(3)).join(' | ')} |`,
      );
    }
  }
}

async function main() {
  const { train, heldOut } = splitHeldOut(readSharedCorpus(values.data));
  if (values.train === undefined) {
    const path = values.model ?? 'assets/models/paperboy-static.pbsm';
    await report(path, decodeModel(new Uint8Array(readFileSync(path))).model, heldOut);
    return;
  }
  const options: TrainOptions = { ...BUNDLED_OPTIONS, ...(JSON.parse(values.train) as object) };
  log(`options ${JSON.stringify(options)}`);
  const splitter = new WordSplitter();
  const tokenized = train.map((p) => tokenizePaper(p, splitter));
  const model = initModel(tokenized, options);
  log(`vocabulary ${model.tokens.length}`);
  let sum = 0;
  let count = 0;
  for (const r of trainModel(model, tokenized, options)) {
    sum += r.loss;
    count++;
    if (r.step % 100 === 0) log(`step ${r.step}/${r.totalSteps} loss ${(sum / count).toFixed(4)}`);
    if (r.endOfEpoch) {
      log(`epoch ${r.epoch} loss ${(sum / count).toFixed(4)}`);
      sum = 0;
      count = 0;
      await report(`epoch ${r.epoch}`, model, heldOut);
    }
  }
  if (values.save) writeFileSync(values.save, encodeModel(model, { options }));
}

/** Continues training on the set's own documents (title ↔ abstract only). */
function adapt(base: StaticModel, set: EvalSet): StaticModel {
  const model = decodeModel(encodeModel(base)).model;
  const options: TrainOptions = {
    ...BUNDLED_OPTIONS,
    pairKinds: ['title-abstract'],
    ...(JSON.parse(values['adapt-options']) as object),
  };
  const splitter = new WordSplitter();
  const papers = set.docs
    .filter((d) => d.title.trim() && d.text.trim())
    .map((d) => tokenizePaper({ title: d.title, abstract: d.text }, splitter));
  for (const r of trainModel(model, papers, options)) {
    if (r.endOfEpoch) log(`adapt ${set.name}: epoch ${r.epoch} loss ${r.loss.toFixed(4)}`);
  }
  return model;
}

await main();
