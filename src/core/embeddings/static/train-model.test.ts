import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { titleToAbstractMrr } from './evaluate-model.ts';
import { topK } from './metrics.ts';
import { StaticEncoder } from './model.ts';
import { encodeModel } from './model-codec.ts';
import { WordSplitter } from './tokenizer.ts';
import {
  DEFAULT_TRAIN_OPTIONS,
  initModel,
  learningRateFactor,
  type TrainOptions,
  trainModel,
} from './train-model.ts';
import { type TrainingPaper, tokenizePaper } from './training-pairs.ts';

// 240 real papers from the bundled demo corpus (Hugging Face Daily Papers).
const papers: TrainingPaper[] = gunzipSync(
  readFileSync(new URL('../../../../assets/demo-corpus.jsonl.gz', import.meta.url)),
)
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, 240)
  .map((line) => {
    const p = JSON.parse(line) as { title: string; abstract: string; ai_summary?: string | null };
    return { title: p.title, abstract: p.abstract, summary: p.ai_summary ?? null };
  });

const options: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  lexicalDim: 16,
  semanticDim: 24,
  lexicalShare: 0.2,
  epochs: 6,
  batchSize: 48,
  learningRate: 0.02,
  seed: 5,
  vocabulary: { minWordCount: 2, maxWords: 3000, minBigramCount: 3, maxBigrams: 500 },
};

function train(seed: number, extra: Partial<TrainOptions> = {}) {
  const splitter = new WordSplitter();
  const tokenized = papers.map((p) => tokenizePaper(p, splitter));
  const model = initModel(tokenized, { ...options, seed, ...extra });
  const losses: number[] = [];
  const before = titleToAbstractMrr(model, papers);
  for (const r of trainModel(model, tokenized, { ...options, seed, ...extra })) losses.push(r.loss);
  return { model, losses, before };
}

test('training lowers the loss and ranks each title’s own abstract first far above chance', () => {
  const { model, losses, before } = train(5);
  const firstEpoch = losses.slice(0, 10);
  const lastEpoch = losses.slice(-10);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(
    mean(lastEpoch) < mean(firstEpoch) * 0.8,
    `loss ${mean(firstEpoch)} → ${mean(lastEpoch)}`,
  );

  const encoder = new StaticEncoder(model);
  const abstracts = new Float32Array(papers.length * encoder.dim);
  papers.forEach((p, i) => {
    abstracts.set(encoder.embed(p.abstract), i * encoder.dim);
  });
  let first = 0;
  papers.forEach((p, i) => {
    if (topK(encoder.embed(p.title), abstracts, encoder.dim, 1)[0]?.index === i) first++;
  });
  const chance = 1 / papers.length;
  assert.ok(first / papers.length > 20 * chance, `top-1 ${first}/${papers.length}`);
  assert.ok(titleToAbstractMrr(model, papers) > before, 'training improves title→abstract MRR');
});

test('the same seed gives the same model bytes; another seed does not', () => {
  const a = encodeModel(train(9).model);
  const b = encodeModel(train(9).model);
  const c = encodeModel(train(10).model);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('with BM25 hard negatives and a linear schedule, training still learns and stays deterministic', () => {
  const extra: Partial<TrainOptions> = { hardNegatives: 1, learningRateSchedule: 'linear' };
  const { model, losses, before } = train(7, extra);
  assert.ok(losses.every(Number.isFinite));
  assert.ok(titleToAbstractMrr(model, papers) > before, 'training improves title→abstract MRR');
  assert.deepEqual(encodeModel(model), encodeModel(train(7, extra).model));
  assert.notDeepEqual(encodeModel(model), encodeModel(train(7).model), 'the options matter');
});

test('the linear schedule warms up over 2% of the steps, then decays to zero at the last step', () => {
  const linear: TrainOptions = { ...options, learningRateSchedule: 'linear' };
  assert.equal(learningRateFactor(linear, 0, 1000), 1 / 20);
  assert.equal(learningRateFactor(linear, 19, 1000), 1);
  assert.equal(learningRateFactor(linear, 20, 1000), 1);
  assert.ok(Math.abs(learningRateFactor(linear, 510, 1000) - 0.5) < 1e-9);
  assert.ok(learningRateFactor(linear, 999, 1000) < 0.002);
  assert.ok(learningRateFactor(linear, 999, 1000) > 0);
  for (const step of [0, 500, 999]) assert.equal(learningRateFactor(options, step, 1000), 1);
});
