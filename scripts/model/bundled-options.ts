/**
 * The recipe of the static model bundled with paperboy (assets/models/paperboy-static.pbsm).
 * Change it here, run `npm run model:build`, and record the scores in docs/benchmarks/static-model.md.
 */
import {
  DEFAULT_TRAIN_OPTIONS,
  type TrainOptions,
} from '../../src/core/embeddings/static/train-model.ts';

export const BUNDLED_OPTIONS: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  epochs: 1,
  seed: 1,
  vocabulary: { minWordCount: 2, maxWords: 24_000, minBigramCount: 5, maxBigrams: 8_000 },
};
