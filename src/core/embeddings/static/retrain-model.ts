/**
 * Self-improvement: train a new static model on the papers this instance holds, judge it and the
 * model in use on the same held-out slice (title → own abstract, MRR@10), store it, and switch to
 * it only when the gain is significant (switch-rule.ts: ≥ 0.01 MRR@10 with a paired bootstrap
 * interval above 0). Otherwise keep the current model and say why.
 */
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../logger.ts';
import { splitHeldOut, titleToAbstractRanks } from './evaluate-model.ts';
import { decodeModel } from './model-codec.ts';
import type {
  IdentifiedPaper,
  ModelEntry,
  ModelTrainer,
  PaperTexts,
  StaticModelStore,
  TrainingEvents,
} from './ports.ts';
import { switchDecision } from './switch-rule.ts';
import type { TrainOptions } from './train-model.ts';

export interface RetrainInput {
  texts: PaperTexts;
  store: StaticModelStore;
  trainer: ModelTrainer;
  clock: Clock;
  log: Logger;
  options: TrainOptions;
  events?: TrainingEvents;
  /** Do not train on fewer papers than this (too little signal). */
  minPapers: number;
  /** `if-better` (default): switch only when held-out MRR@10 improves; `never`: only store it. */
  switchPolicy?: 'if-better' | 'never';
}

export interface RetrainOutcome {
  /** The stored candidate, or null when training was skipped. */
  entry: ModelEntry | null;
  switched: boolean;
  /** Why it switched, kept the current model, or skipped. */
  reason: string;
  candidateMrr: number | null;
  currentMrr: number | null;
  /** The version in use when the run started (null when skipped before loading it). */
  currentVersion: string | null;
}

export async function retrainModel(input: RetrainInput): Promise<RetrainOutcome> {
  const { log, store } = input;
  const count = await input.texts.count();
  if (count < input.minPapers) {
    const reason = `only ${count} papers (need ${input.minPapers}); keeping the current model`;
    log.info('model retrain skipped', { reason });
    return {
      entry: null,
      switched: false,
      reason,
      candidateMrr: null,
      currentMrr: null,
      currentVersion: null,
    };
  }
  const current = await store.loadCurrent();
  const papers: IdentifiedPaper[] = [];
  for await (const p of input.texts.all()) papers.push(p);
  const { train, heldOut } = splitHeldOut(papers);
  const started = input.clock.now();
  const bytes = await input.trainer.train(
    train,
    input.options,
    { corpusSize: train.length, options: input.options },
    input.events ?? {},
  );
  const candidate = decodeModel(bytes).model;
  const candidateRanks = titleToAbstractRanks(candidate, heldOut);
  const currentRanks = titleToAbstractRanks(current.model, heldOut);
  const candidateMrr = round(mean(candidateRanks));
  const currentMrr = round(mean(currentRanks));
  const decision = switchDecision(candidateRanks, currentRanks);
  const interval = `gain ${round(decision.gain)}, 95% CI [${round(decision.low)}, ${round(decision.high)}]`;
  const entry = await store.save(bytes, {
    createdAt: started.toISOString(),
    corpusSize: train.length,
    parameters: { ...input.options },
    scores: { heldOutMrr10: candidateMrr, heldOutPapers: heldOut.length },
  });
  const fields = {
    candidate: entry.version,
    current: current.version,
    candidate_mrr10: candidateMrr,
    current_mrr10: currentMrr,
    held_out: heldOut.length,
  };
  if (input.switchPolicy !== 'never' && decision.switch) {
    await store.use(entry.version);
    const reason = `held-out MRR@10 ${candidateMrr} > ${currentMrr} of ${current.version} (${interval})`;
    log.info('model switched', { ...fields, reason });
    return {
      entry,
      switched: true,
      reason,
      candidateMrr,
      currentMrr,
      currentVersion: current.version,
    };
  }
  const reason =
    input.switchPolicy === 'never'
      ? 'stored only (switching disabled)'
      : `held-out MRR@10 ${candidateMrr} vs ${currentMrr} of ${current.version} (${interval}): not a significant gain (switch-rule.ts); keeping it`;
  log.info('model kept', { ...fields, reason });
  return {
    entry,
    switched: false,
    reason,
    candidateMrr,
    currentMrr,
    currentVersion: current.version,
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
