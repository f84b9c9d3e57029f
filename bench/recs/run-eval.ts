/**
 * `npm run eval:recs`: offline evaluation of For you (docs/DESIGN.md, "For you: what we measured").
 * Part 1 ranks the last 60 featured days of Hugging Face Daily Papers for pseudo-readers built
 * from the days before (bench/recs/readers.ts) and prints nDCG@10 and recall@20 per reader kind
 * for the baselines and each recommender. Part 2 times ranking 1,000 new papers for 10,000
 * readers (libraries of 5–200 past papers). Quote figures with `uptime`, under
 * `flock /work/.bench.lock`.
 *
 *   npm run eval:recs -- [--data ../shared/data] [--readers 10000] [--candidates 1000] [--skip-timing]
 *                        [--hybrid-weights 0.5,2]   (extra embedding weights tried for `hybrid`)
 *                        [--skip-eval] [--time hybrid,profile]   (timing only, of these recommenders)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StaticEncoder } from '../../src/core/embeddings/static/model.ts';
import { decodeModel } from '../../src/core/embeddings/static/model-codec.ts';
import { Bm25Corpus } from '../../src/core/recs/bm25-corpus.ts';
import { type PaperFeatures, termFeaturizer } from '../../src/core/recs/features.ts';
import { profileWords, wordStats } from '../../src/core/recs/keyword-profile.ts';
import {
  RECOMMENDERS,
  type RecommenderName,
  type TrainingSet,
  train,
  trainHybrid,
} from '../../src/core/recs/recommenders.ts';
import { sharedDataDir } from '../../test/shared-data.ts';
import { mean, ndcgAt, recallAt } from '../eval/metrics.ts';
import { byPopularity, byRecency } from './baselines.ts';
import { type EvalPaper, type ReaderKind, readHfPapers, splitReaders } from './readers.ts';
import { timeReaders } from './timing.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    model: { type: 'string', default: 'assets/models/paperboy-static.pbsm' },
    readers: { type: 'string', default: '10000' },
    candidates: { type: 'string', default: '1000' },
    background: { type: 'string', default: '300' },
    'hybrid-weights': { type: 'string', default: '0.5,2' },
    'skip-timing': { type: 'boolean', default: false },
    'skip-eval': { type: 'boolean', default: false },
    /** Recommenders timed (default: all). */
    time: { type: 'string' },
  },
});

const log = (line: string) => process.stdout.write(`${line}\n`);
const started = performance.now();
const dataDir = values.data ? resolve(values.data) : sharedDataDir();
if (!dataDir) throw new Error('no ../shared/data here: pass --data <dir>');
const papers = readHfPapers(dataDir);
const split = splitReaders(papers);
log(
  `data: ${papers.length} HF Daily Papers; past < ${split.cutoff} (${split.past.length}), future = last 60 featured days (${split.future.length} candidates); ${split.readers.length} pseudo-readers`,
);

const { model } = decodeModel(new Uint8Array(readFileSync(resolve(values.model))));
const encoder = new StaticEncoder(model);
const featurize = termFeaturizer(papers);
const features = new Map<string, PaperFeatures>();
papers.forEach((p, i) => {
  features.set(p.id, {
    id: p.id,
    vector: encoder.embed(`${p.title}\n\n${p.abstract}`),
    terms: featurize(p),
  });
  if ((i + 1) % 2000 === 0) log(`  embedded ${i + 1}/${papers.length}`);
});
log(
  `features: ${encoder.dim}-dim paperboy-static embeddings + hashed tf-idf, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const byId = new Map(papers.map((p) => [p.id, p]));
const feat = (id: string) => features.get(id) as PaperFeatures;
const future = split.future;
/** A fixed background sample of past papers (every 1 in k), the negatives and calibration set. */
const step = Math.max(1, Math.floor(split.past.length / Number(values.background)));
const background = split.past.filter((_, i) => i % step === 0).map((p) => p.id);
/** The keyword profile: distinctive words against the past, BM25 over candidates + background. */
const pastStats = wordStats(split.past);
const bm25 = new Bm25Corpus([...future, ...background.map((id) => byId.get(id) as EvalPaper)]);
const keywordsFor = (library: EvalPaper[]) => bm25.scorer(profileWords(library, pastStats));
const hybridWeights = (values['hybrid-weights'] ?? '')
  .split(',')
  .filter(Boolean)
  .map(Number)
  .filter((w) => w !== 1);

type Method = string;
const scores = new Map<string, { ndcg: number[]; recall: number[] }>();
const record = (kind: ReaderKind | 'all', method: Method, ranked: string[], rel: Set<string>) => {
  const judged = new Map([...rel].map((id) => [id, 1]));
  const key = `${kind}\t${method}`;
  const s = scores.get(key) ?? { ndcg: [], recall: [] };
  s.ndcg.push(ndcgAt(ranked, judged, 10));
  s.recall.push(recallAt(ranked, judged, 20));
  scores.set(key, s);
};
const popular = byPopularity(future);
const recent = byRecency(future);
const methods: Method[] = [
  'popularity',
  'recency',
  ...RECOMMENDERS,
  ...hybridWeights.map((w) => `hybrid@${w}`),
];
const rank = (scorer: (p: PaperFeatures) => number) =>
  future
    .map((p) => ({ id: p.id, s: scorer(feat(p.id)) }))
    .sort((a, b) => b.s - a.s || a.id.localeCompare(b.id))
    .map((x) => x.id);
(values['skip-eval'] ? [] : split.readers).forEach((reader, i) => {
  const library = reader.library.map((id) => byId.get(id) as EvalPaper);
  const set: TrainingSet = {
    positives: reader.library.map(feat),
    marked: [],
    background: background.filter((id) => !reader.library.includes(id)).map(feat),
    keywords: keywordsFor(library),
  };
  const ranked: Record<Method, string[]> = { popularity: popular, recency: recent };
  for (const name of RECOMMENDERS) ranked[name] = rank(train(name, set));
  for (const w of hybridWeights) ranked[`hybrid@${w}`] = rank(trainHybrid(set, w));
  for (const m of methods) {
    record(reader.kind, m, ranked[m] as string[], reader.relevant);
    record('all', m, ranked[m] as string[], reader.relevant);
  }
  if ((i + 1) % 500 === 0) log(`  ranked for ${i + 1}/${split.readers.length} readers`);
});

if (!values['skip-eval']) printTable();

function printTable() {
  log('\nreaders        n     method         nDCG@10  recall@20   (hybrid@w: embedding weight w)');
  for (const kind of ['submitter', 'organization', 'author', 'all'] as const) {
    const n =
      kind === 'all' ? split.readers.length : split.readers.filter((r) => r.kind === kind).length;
    for (const m of methods) {
      const s = scores.get(`${kind}\t${m}`);
      if (!s) continue;
      log(
        `${kind.padEnd(13)} ${String(n).padStart(5)}  ${m.padEnd(14)} ${mean(s.ndcg).toFixed(4)}   ${mean(s.recall).toFixed(4)}`,
      );
    }
  }
}

if (!values['skip-timing']) {
  timeReaders({
    papers: split.past.map((p) => feat(p.id)),
    readers: Number(values.readers),
    candidates: Number(values.candidates),
    background: background.map(feat),
    text: (id) => byId.get(id) as EvalPaper,
    stats: pastStats,
    recommenders: values.time ? (values.time.split(',') as RecommenderName[]) : [...RECOMMENDERS],
    log,
  });
}
