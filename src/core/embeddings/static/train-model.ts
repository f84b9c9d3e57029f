/**
 * Trains a static model from papers: builds the vocabulary, initialises every token with its hashed
 * sign vector and an idf weight, then runs epochs of contrastive steps. A generator, so the caller
 * (a worker thread in the adapters) can report progress, evaluate between epochs and stop.
 * Deterministic: the same papers, options and seed give the same model bytes.
 */
import { mineHardNegatives } from './hard-negatives.ts';
import { idf, SEMANTIC_SALT, type StaticModel } from './model.ts';
import { addHashedSigns, hashString, Rng } from './random.ts';
import { type Bag, BagEncoder, buildVocabulary, type VocabularyOptions } from './tokenizer.ts';
import { StaticTrainer } from './trainer.ts';
import { makePair, type PairKind, type TokenizedPaper } from './training-pairs.ts';

export interface TrainOptions {
  /** Length of the lexical (hashed tf-idf) part of an embedding. */
  lexicalDim: number;
  /** Length of the learned semantic part. */
  semanticDim: number;
  /** Share of the lexical part in the dot product, 0…1. */
  lexicalShare: number;
  /** Lexical weight of word pairs relative to words. */
  pairWeight: number;
  epochs: number;
  /** Papers per batch (each kind of pair is one step over the batch's papers). */
  batchSize: number;
  seed: number;
  temperature: number;
  learningRate: number;
  weightLearningRate: number;
  /**
   * `constant`, or `linear`: warm up over the first 2% of steps, then decay linearly to zero at the
   * last step (both learning rates).
   */
  learningRateSchedule?: 'constant' | 'linear';
  pairKinds: readonly PairKind[];
  vocabulary: VocabularyOptions;
  /**
   * Extra negatives per query mined with BM25 (`hard-negatives.ts`): 0 = in-batch negatives only,
   * 1 = each query also gets the matching side of one of its paper's BM25 neighbours.
   */
  hardNegatives?: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  lexicalDim: 256,
  semanticDim: 128,
  lexicalShare: 0.5,
  pairWeight: 0.5,
  epochs: 4,
  batchSize: 512,
  seed: 1,
  temperature: 0.05,
  learningRate: 0.01,
  weightLearningRate: 0.01,
  pairKinds: ['title-abstract', 'halves', 'summary-abstract'],
  vocabulary: { minWordCount: 2, maxWords: 100_000, minBigramCount: 5, maxBigrams: 50_000 },
};

/** What each step reports. */
export interface StepReport {
  epoch: number;
  /** Steps done so far, over all epochs. */
  step: number;
  totalSteps: number;
  kind: PairKind;
  loss: number;
  /** Pairs in this step. */
  pairs: number;
  /** True on the last step of an epoch. */
  endOfEpoch: boolean;
}

/** A fresh model over the papers' vocabulary: hashed sign vectors, idf weights. */
export function initModel(papers: readonly TokenizedPaper[], options: TrainOptions): StaticModel {
  const vocab = buildVocabulary(
    papers.map((p) => [...p.title, ...p.sentences.flat()]),
    options.vocabulary,
  );
  const { semanticDim } = options;
  const hashSeed = options.seed;
  const vectors = new Float32Array(vocab.tokens.length * semanticDim);
  vocab.tokens.forEach((token, i) => {
    const hash = (hashString(token, hashSeed) ^ SEMANTIC_SALT) >>> 0;
    addHashedSigns(hash, semanticDim, 1, vectors, i * semanticDim);
  });
  const weights = Float32Array.from(vocab.documentFrequency, (df) => idf(df, vocab.documentCount));
  return {
    lexicalDim: options.lexicalDim,
    semanticDim,
    lexicalShare: options.lexicalShare,
    pairWeight: options.pairWeight,
    tokens: vocab.tokens,
    documentFrequency: vocab.documentFrequency,
    documentCount: vocab.documentCount,
    vectors,
    weights,
    oovWeight: idf(1, vocab.documentCount),
    hashSeed,
  };
}

/** Number of steps `trainModel` will take. */
export function countSteps(papers: readonly TokenizedPaper[], options: TrainOptions): number {
  const perEpoch = options.pairKinds.reduce((sum, kind) => {
    const usable = papers.filter((p) => makePair(p, kind, () => 0) !== null).length;
    return sum + Math.ceil(usable / options.batchSize);
  }, 0);
  return perEpoch * options.epochs;
}

/**
 * Trains `model` in place on `papers`, yielding after every step. Each epoch shuffles the papers
 * and cuts them into batches; each batch gives one step per pair kind (a paper is never twice in a
 * step, so no in-batch negative is secretly a positive).
 */
export function* trainModel(
  model: StaticModel,
  papers: readonly TokenizedPaper[],
  options: TrainOptions,
): Generator<StepReport> {
  const rng = new Rng(options.seed ^ 0x5eed);
  const trainer = new StaticTrainer(model, options);
  const encoder = new BagEncoder(model.tokens, model.hashSeed);
  const totalSteps = countSteps(papers, options);
  const order = papers.map((_, i) => i);
  const mined = (options.hardNegatives ?? 0) > 0 ? mineHardNegatives(papers) : null;
  let step = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    rng.shuffle(order);
    const plan: { kind: PairKind; papers: number[] }[] = [];
    for (const kind of options.pairKinds) {
      const usable = order.filter((i) => makePair(papers[i]!, kind, () => 0) !== null);
      for (let s = 0; s < usable.length; s += options.batchSize) {
        plan.push({ kind, papers: usable.slice(s, s + options.batchSize) });
      }
    }
    const mixed = interleave(plan);
    for (let s = 0; s < mixed.length; s++) {
      const { kind, papers: batch } = mixed[s]!;
      if (batch.length < 2) continue;
      const queries: Bag[] = [];
      const documents: Bag[] = [];
      for (const i of batch) {
        const pair = makePair(papers[i]!, kind, (n) => rng.int(n)) as [string[], string[]];
        queries.push(encoder.encode(pair[0]));
        documents.push(encoder.encode(pair[1]));
      }
      if (mined) documents.push(...hardNegatives(papers, batch, kind, mined, rng, encoder));
      const loss = trainer.step(queries, documents, learningRateFactor(options, step, totalSteps));
      step++;
      yield {
        epoch,
        step,
        totalSteps,
        kind,
        loss,
        pairs: batch.length,
        endOfEpoch: s === mixed.length - 1,
      };
    }
  }
}

/**
 * One BM25-mined negative per query of the batch (the document side of the same pair kind),
 * skipping papers already in the batch so no negative is secretly a positive.
 */
function hardNegatives(
  papers: readonly TokenizedPaper[],
  batch: readonly number[],
  kind: PairKind,
  mined: readonly Int32Array[],
  rng: Rng,
  encoder: BagEncoder,
): Bag[] {
  const taken = new Set(batch);
  const out: Bag[] = [];
  for (const i of batch) {
    const list = mined[i]!;
    if (list.length === 0) continue;
    const j = list[rng.int(list.length)]!;
    if (taken.has(j)) continue;
    const pair = makePair(papers[j]!, kind, (n) => rng.int(n));
    if (!pair) continue;
    taken.add(j);
    out.push(encoder.encode(pair[1]));
  }
  return out;
}

/** Multiplier of the learning rates at `step` (0-based) of `total`. */
export function learningRateFactor(options: TrainOptions, step: number, total: number): number {
  if (options.learningRateSchedule !== 'linear' || total <= 1) return 1;
  const warmup = Math.max(1, Math.round(total * 0.02));
  if (step < warmup) return (step + 1) / warmup;
  return Math.max(0, (total - step) / (total - warmup));
}

/** Orders steps so that each kind's batches are spread evenly over the epoch. */
function interleave<T extends { kind: PairKind }>(steps: T[]): T[] {
  const totals = new Map<PairKind, number>();
  for (const s of steps) totals.set(s.kind, (totals.get(s.kind) ?? 0) + 1);
  const seen = new Map<PairKind, number>();
  return steps
    .map((s) => {
      const i = seen.get(s.kind) ?? 0;
      seen.set(s.kind, i + 1);
      return { s, at: (i + 0.5) / (totals.get(s.kind) ?? 1) };
    })
    .sort((a, b) => a.at - b.at)
    .map((x) => x.s);
}
