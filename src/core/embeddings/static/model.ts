/**
 * paperboy's static sentence-embedding model. An embedding has two parts, concatenated:
 *
 * - **lexical** (`lexicalDim` values): the idf-weighted sum of a fixed pseudo-random sign vector
 *   per token (words and word pairs, known or not), L2-normalised — a random projection of the
 *   text's tf-idf vector. Nothing is stored for it: a token's vector comes from its hash. Its dot
 *   products approximate tf-idf cosine, so rare and unseen terms (gene names, new acronyms) match.
 * - **semantic** (`semanticDim` values): the weighted sum of learned vectors of vocabulary tokens
 *   (plus a hashed vector for unknown words), L2-normalised — trained contrastively so that texts
 *   about the same paper land together.
 *
 * The parts are scaled by √share and √(1 − share), so the dot product of two embeddings is
 * `share · lexical cosine + (1 − share) · semantic cosine`, and the whole vector has length 1.
 * Pure data and arithmetic; files live in the adapters.
 */
import { addHashedSigns } from './random.ts';
import { type Bag, BagEncoder, WordSplitter } from './tokenizer.ts';

export interface StaticModel {
  lexicalDim: number;
  semanticDim: number;
  /** Share of the lexical part in the dot product (0…1). */
  lexicalShare: number;
  /** Lexical weight of a word pair relative to a word with the same idf. */
  pairWeight: number;
  /** Vocabulary: words, then word pairs ("graph neural"). Index = row. */
  tokens: string[];
  /** Training documents each token occurred in (gives its idf). */
  documentFrequency: Uint32Array;
  /** Number of training documents. */
  documentCount: number;
  /** tokens.length × semanticDim, row-major. */
  vectors: Float32Array;
  /** Learned semantic pooling weight of each token. */
  weights: Float32Array;
  /** Learned semantic pooling weight of every out-of-vocabulary word. */
  oovWeight: number;
  /** Seed of the token hash. */
  hashSeed: number;
}

/** Length of the model's embeddings. */
export function embeddingDim(model: Pick<StaticModel, 'lexicalDim' | 'semanticDim'>): number {
  return model.lexicalDim + model.semanticDim;
}

/** The pooling weight of a term occurring `count` times: 1 + ln(count). */
export function termCountWeight(count: number): number {
  return count <= 1 ? 1 : 1 + Math.log(count);
}

/** BM25-style inverse document frequency. */
export function idf(documentFrequency: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Seed offset that makes a token's semantic vector independent of its lexical one. */
export const SEMANTIC_SALT = 0x2545f491;

/**
 * Writes the lexical part of `bag` (un-normalised) into `out[offset..offset+lexicalDim)` and
 * returns its L2 norm.
 */
export function poolLexical(
  model: StaticModel,
  bag: Bag,
  out: Float32Array,
  offset: number,
): number {
  const dim = model.lexicalDim;
  out.fill(0, offset, offset + dim);
  const rare = idf(1, model.documentCount);
  for (let t = 0; t < bag.allHashes.length; t++) {
    const id = bag.allIds[t]!;
    const w =
      termCountWeight(bag.allCounts[t]!) *
      (id >= 0 ? idf(model.documentFrequency[id]!, model.documentCount) : rare) *
      (bag.allPairs[t] === 1 ? model.pairWeight : 1);
    addHashedSigns(bag.allHashes[t]!, dim, w, out, offset);
  }
  return norm(out, offset, dim);
}

/**
 * Writes the semantic part of `bag` (un-normalised) into `out[offset..offset+semanticDim)` and
 * returns its L2 norm.
 */
export function poolSemantic(
  model: StaticModel,
  bag: Bag,
  out: Float32Array,
  offset: number,
): number {
  const { semanticDim: dim, vectors, weights } = model;
  out.fill(0, offset, offset + dim);
  for (let t = 0; t < bag.ids.length; t++) {
    const id = bag.ids[t]!;
    const c = termCountWeight(bag.counts[t]!) * weights[id]!;
    if (c === 0) continue;
    const row = id * dim;
    for (let k = 0; k < dim; k++) out[offset + k]! += c * vectors[row + k]!;
  }
  if (model.oovWeight !== 0) {
    for (let t = 0; t < bag.oovHashes.length; t++) {
      const c = termCountWeight(bag.oovCounts[t]!) * model.oovWeight;
      addHashedSigns((bag.oovHashes[t]! ^ SEMANTIC_SALT) >>> 0, dim, c, out, offset);
    }
  }
  return norm(out, offset, dim);
}

function norm(v: Float32Array, offset: number, dim: number): number {
  let sq = 0;
  for (let k = offset; k < offset + dim; k++) sq += v[k]! * v[k]!;
  return Math.sqrt(sq);
}

/** Multiplies `v[offset..offset+dim)` by `factor / length` (a zero vector stays zero). */
export function scaleToLength(
  v: Float32Array,
  offset: number,
  dim: number,
  length: number,
  factor: number,
): void {
  if (length === 0) return;
  const f = factor / length;
  for (let k = offset; k < offset + dim; k++) v[k]! *= f;
}

/**
 * Writes the full embedding of `bag` into `out[offset..)`: √share · lexical unit vector, then
 * √(1 − share) · semantic unit vector. A part with no tokens stays zero.
 */
export function embedBag(model: StaticModel, bag: Bag, out: Float32Array, offset = 0): void {
  const { lexicalDim, semanticDim, lexicalShare } = model;
  const lexNorm = poolLexical(model, bag, out, offset);
  scaleToLength(out, offset, lexicalDim, lexNorm, Math.sqrt(lexicalShare));
  const semNorm = poolSemantic(model, bag, out, offset + lexicalDim);
  scaleToLength(out, offset + lexicalDim, semanticDim, semNorm, Math.sqrt(1 - lexicalShare));
  if ((lexNorm === 0) !== (semNorm === 0)) {
    // only one part has tokens: stretch it to unit length
    const dim = lexicalDim + semanticDim;
    scaleToLength(out, offset, dim, norm(out, offset, dim), 1);
  }
}

/** Embeds texts with a model: tokenizer + pooling + normalisation. Reusable across calls. */
export class StaticEncoder {
  private readonly splitter = new WordSplitter();
  private readonly encoder: BagEncoder;
  readonly dim: number;

  constructor(readonly model: StaticModel) {
    this.encoder = new BagEncoder(model.tokens, model.hashSeed);
    this.dim = embeddingDim(model);
  }

  /** The bag of tokens of `text`. */
  bag(text: string): Bag {
    return this.encoder.encode(this.splitter.words(text));
  }

  /** The embedding of `text`: unit length, or all zeros when it has no words. */
  embed(text: string): Float32Array {
    const out = new Float32Array(this.dim);
    embedBag(this.model, this.bag(text), out, 0);
    return out;
  }
}
