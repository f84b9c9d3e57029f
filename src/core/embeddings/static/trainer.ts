/**
 * One optimisation step of the static model on a batch of (query, document) bags: embed both sides
 * (fixed lexical part + learned semantic part), symmetric InfoNCE on the full embeddings, then the
 * hand-written backward pass through the semantic part's scaling and normalisation and its
 * weighted sum into sparse rows of the vector table and the token weights, and a lazy-Adam update
 * of only the rows the batch touched. The lexical part has no parameters, so the semantic part
 * learns what tf-idf matching misses.
 */
import { contrastiveLoss } from './contrastive-loss.ts';
import {
  embeddingDim,
  poolLexical,
  poolSemantic,
  SEMANTIC_SALT,
  type StaticModel,
  scaleToLength,
  termCountWeight,
} from './model.ts';
import { addHashedSigns } from './random.ts';
import { SparseAdam } from './sparse-adam.ts';
import type { Bag } from './tokenizer.ts';

export interface TrainerOptions {
  /** Softmax temperature of the contrastive loss (e.g. 0.05). */
  temperature: number;
  /** Adam learning rate of the token vectors. */
  learningRate: number;
  /** Adam learning rate of the token weights and the out-of-vocabulary weight (0 freezes them). */
  weightLearningRate: number;
}

/** Gradients of one batch, before the optimiser applies them (exposed for the gradient check). */
export interface BatchGradients {
  loss: number;
  /** Gradient of `vectors`, dense tokens × semanticDim (only `touched` rows are non-zero). */
  vectors: Float32Array;
  weights: Float32Array;
  oovWeight: number;
  touched: Int32Array;
  touchedCount: number;
}

export class StaticTrainer {
  private readonly gradVectors: Float32Array;
  private readonly gradWeights: Float32Array;
  private readonly mark: Uint8Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private gradOov = 0;
  private readonly oovScratch: Float32Array;
  private readonly vectorOptimizer: SparseAdam;
  private readonly weightOptimizer: SparseAdam;
  private readonly oovParam = new Float32Array(1);
  private readonly oovGrad = new Float32Array(1);
  private readonly oovOptimizer: SparseAdam;

  constructor(
    readonly model: StaticModel,
    readonly options: TrainerOptions,
  ) {
    const size = model.tokens.length;
    this.gradVectors = new Float32Array(size * model.semanticDim);
    this.gradWeights = new Float32Array(size);
    this.mark = new Uint8Array(size);
    this.touched = new Int32Array(size);
    this.oovScratch = new Float32Array(model.semanticDim);
    this.vectorOptimizer = new SparseAdam(model.vectors, model.semanticDim, {
      learningRate: options.learningRate,
    });
    this.weightOptimizer = new SparseAdam(model.weights, 1, {
      learningRate: options.weightLearningRate,
    });
    this.oovOptimizer = new SparseAdam(this.oovParam, 1, {
      learningRate: options.weightLearningRate,
    });
  }

  /** Embeds bags into rows of `out`; returns the semantic parts' norms. */
  private embed(bags: readonly Bag[], out: Float32Array): Float64Array {
    const { lexicalDim, semanticDim, lexicalShare } = this.model;
    const dim = lexicalDim + semanticDim;
    const norms = new Float64Array(bags.length);
    for (let r = 0; r < bags.length; r++) {
      const base = r * dim;
      const lex = poolLexical(this.model, bags[r]!, out, base);
      scaleToLength(out, base, lexicalDim, lex, Math.sqrt(lexicalShare));
      norms[r] = poolSemantic(this.model, bags[r]!, out, base + lexicalDim);
      scaleToLength(out, base + lexicalDim, semanticDim, norms[r]!, Math.sqrt(1 - lexicalShare));
    }
    return norms;
  }

  /**
   * Computes loss and gradients for queries[i] ↔ documents[i] (documents beyond queries.length are
   * extra negatives) without changing the model. Call `apply` to take the step.
   */
  gradients(queries: readonly Bag[], documents: readonly Bag[]): BatchGradients {
    const dim = embeddingDim(this.model);
    const n = queries.length;
    const m = documents.length;
    const q = new Float32Array(n * dim);
    const d = new Float32Array(m * dim);
    const qNorms = this.embed(queries, q);
    const dNorms = this.embed(documents, d);
    const result = contrastiveLoss(q, d, n, m, dim, this.options.temperature);
    this.backward(queries, q, qNorms, result.gradQueries);
    this.backward(documents, d, dNorms, result.gradDocuments);
    return {
      loss: result.loss,
      vectors: this.gradVectors,
      weights: this.gradWeights,
      oovWeight: this.gradOov,
      touched: this.touched,
      touchedCount: this.touchedCount,
    };
  }

  /**
   * One training step: gradients, then the optimiser with both learning rates multiplied by
   * `lrFactor`. Returns the batch loss.
   */
  step(queries: readonly Bag[], documents: readonly Bag[], lrFactor = 1): number {
    const { loss } = this.gradients(queries, documents);
    this.apply(lrFactor);
    return loss;
  }

  /** Applies the accumulated gradients to the touched rows and clears them. */
  apply(lrFactor = 1): void {
    const count = this.touchedCount;
    const { learningRate, weightLearningRate } = this.options;
    this.vectorOptimizer.update(this.touched, count, this.gradVectors, learningRate * lrFactor);
    if (weightLearningRate > 0) {
      this.weightOptimizer.update(
        this.touched,
        count,
        this.gradWeights,
        weightLearningRate * lrFactor,
      );
      for (let r = 0; r < count; r++) {
        const id = this.touched[r]!;
        if (this.model.weights[id]! < 0) this.model.weights[id] = 0;
      }
      this.oovParam[0] = this.model.oovWeight;
      this.oovGrad[0] = this.gradOov;
      this.oovOptimizer.update([0], 1, this.oovGrad, weightLearningRate * lrFactor);
      this.model.oovWeight = Math.max(0, this.oovParam[0]!);
    } else {
      for (let r = 0; r < count; r++) this.gradWeights[this.touched[r]!] = 0;
    }
    for (let r = 0; r < count; r++) this.mark[this.touched[r]!] = 0;
    this.touchedCount = 0;
    this.gradOov = 0;
  }

  /** Back-propagates dLoss/d(embedding rows) into the semantic vectors and weights. */
  private backward(
    bags: readonly Bag[],
    embedded: Float32Array,
    norms: Float64Array,
    gradEmbedded: Float32Array,
  ): void {
    const { lexicalDim, semanticDim: sd, vectors, weights, lexicalShare } = this.model;
    const dim = lexicalDim + sd;
    const share = Math.sqrt(1 - lexicalShare);
    if (share === 0) return;
    const dv = new Float32Array(sd);
    for (let r = 0; r < bags.length; r++) {
      const norm = norms[r]!;
      if (norm === 0) continue;
      const base = r * dim + lexicalDim;
      // embedded = share · u, u = v/|v|:  dv = share · (I − u uᵀ) g / |v|
      let uDotG = 0;
      for (let k = 0; k < sd; k++) uDotG += (embedded[base + k]! / share) * gradEmbedded[base + k]!;
      for (let k = 0; k < sd; k++) {
        const u = embedded[base + k]! / share;
        dv[k] = (share * (gradEmbedded[base + k]! - u * uDotG)) / norm;
      }
      const bag = bags[r]!;
      for (let t = 0; t < bag.ids.length; t++) {
        const id = bag.ids[t]!;
        const tf = termCountWeight(bag.counts[t]!);
        const c = tf * weights[id]!;
        const row = id * sd;
        if (this.mark[id] === 0) {
          this.mark[id] = 1;
          this.touched[this.touchedCount++] = id;
        }
        let e = 0;
        for (let k = 0; k < sd; k++) {
          e += vectors[row + k]! * dv[k]!;
          this.gradVectors[row + k]! += c * dv[k]!;
        }
        this.gradWeights[id]! += tf * e;
      }
      for (let t = 0; t < bag.oovHashes.length; t++) {
        this.oovScratch.fill(0);
        addHashedSigns((bag.oovHashes[t]! ^ SEMANTIC_SALT) >>> 0, sd, 1, this.oovScratch, 0);
        let e = 0;
        for (let k = 0; k < sd; k++) e += this.oovScratch[k]! * dv[k]!;
        this.gradOov += termCountWeight(bag.oovCounts[t]!) * e;
      }
    }
  }
}
