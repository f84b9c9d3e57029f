/**
 * Ports of the self-trained static model: where model files live (versioned, with a manifest),
 * where training papers come from, and who runs the (long, CPU-bound) training.
 */
import type { Progress } from '../../progress.ts';
import type { StaticModel } from './model.ts';
import type { ModelInfo } from './model-codec.ts';
import type { TrainOptions } from './train-model.ts';
import type { TrainingPaper } from './training-pairs.ts';

/** A paper's text with its id (ids decide the held-out slice). */
export interface IdentifiedPaper extends TrainingPaper {
  id: string;
}

/** The papers this instance holds, for training. */
export interface PaperTexts {
  count(): Promise<number>;
  /** Every paper with a title and abstract, in id order. */
  all(): AsyncIterable<IdentifiedPaper>;
}

/** One stored model version, as the manifest lists it. */
export interface ModelEntry {
  version: string;
  /** ISO instant it was trained. */
  createdAt: string;
  /** Papers it was trained on. */
  corpusSize: number;
  /** Training options (dimensions, epochs, seed …). */
  parameters: Record<string, unknown>;
  /** Evaluation scores, e.g. { heldOutMrr10: 0.93 }. */
  scores: Record<string, number>;
  /** Size of the model file in bytes. */
  bytes: number;
}

/** A model ready to embed with. */
export interface LoadedModel {
  /** `default` for the model bundled with paperboy, else the stored version. */
  version: string;
  /** Embedder model id: `paperboy-static@<SHA-256 of the file, 12 hex>`. */
  modelId: string;
  model: StaticModel;
  info: ModelInfo;
  /** Why newer choices were skipped on the way to this one (corrupt files …), if any. */
  fallbacks: string[];
}

/** Versioned model files in the data directory, plus the bundled default. */
export interface StaticModelStore {
  /** The model in use: the manifest's current version, falling back to the previous one, then to the bundled default. */
  loadCurrent(): Promise<LoadedModel>;
  /** Loads one version (`default` = bundled). Throws `model_unavailable` when missing or corrupt. */
  load(version: string): Promise<LoadedModel>;
  /** Stores a new version (not yet in use); returns its entry. */
  save(bytes: Uint8Array, entry: Omit<ModelEntry, 'version' | 'bytes'>): Promise<ModelEntry>;
  /** Makes `version` current (the old current becomes the fallback). Validates the file first. */
  use(version: string): Promise<void>;
  /** Stored versions, oldest first, and which one is current. */
  list(): Promise<{ current: string; entries: ModelEntry[] }>;
}

/** What a training run reports while it works. */
export interface TrainingEvents {
  progress?: Progress;
  /** A line worth showing (epoch losses, evaluation). */
  onLine?: (line: string, fields: Record<string, unknown>) => void;
  signal?: AbortSignal;
}

/** Runs training somewhere that does not block the caller (a worker thread). */
export interface ModelTrainer {
  /** Trains on `papers` and returns the encoded model file. */
  train(
    papers: readonly IdentifiedPaper[],
    options: TrainOptions,
    info: ModelInfo,
    events: TrainingEvents,
  ): Promise<Uint8Array>;
}
