/**
 * The features For you's recommenders read: a paper's embedding (unit length) and its words as
 * hashed tf-idf (arxiv-sanity-lite's features, without a stored vocabulary: words hash to one of
 * 2^14 slots, and idf comes from the papers at hand).
 */
import { terms } from '../digests/keyword-relevance.ts';

export const TERM_SLOTS = 1 << 14;

export interface SparseVector {
  idx: Uint32Array;
  val: Float32Array;
}

export interface PaperFeatures {
  id: string;
  /** Unit-length embedding, or null when the paper has none yet. */
  vector: Float32Array | null;
  terms: SparseVector;
}

export interface PaperText {
  id: string;
  title: string;
  abstract: string;
}

/** FNV-1a, 32 bit. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Slot counts of papers already hashed (a run ranks many readers over the same papers). */
const hashed = new WeakMap<PaperText, Map<number, number>>();

/** Words and adjacent pairs (bigrams, as arxiv-sanity-lite's ngram_range=(1,2)), title twice. */
function slotsOf(paper: PaperText): Map<number, number> {
  const known = hashed.get(paper);
  if (known) return known;
  const counts = new Map<number, number>();
  const add = (words: string[], weight: number) => {
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const s = hash(w) % TERM_SLOTS;
      counts.set(s, (counts.get(s) ?? 0) + weight);
      if (i + 1 < words.length) {
        const b = hash(`${w} ${words[i + 1]}`) % TERM_SLOTS;
        counts.set(b, (counts.get(b) ?? 0) + weight);
      }
    }
  };
  add(terms(paper.title), 2);
  add(terms(paper.abstract), 1);
  hashed.set(paper, counts);
  return counts;
}

/** Builds term vectors with idf from `papers` (the candidates and the library at hand). */
export function termFeaturizer(papers: readonly PaperText[]): (paper: PaperText) => SparseVector {
  const df = new Float64Array(TERM_SLOTS);
  const cache = new Map<string, Map<number, number>>();
  for (const p of papers) {
    const slots = slotsOf(p);
    cache.set(p.id, slots);
    for (const s of slots.keys()) df[s] = (df[s] ?? 0) + 1;
  }
  const n = papers.length;
  return (paper) => {
    const slots = cache.get(paper.id) ?? slotsOf(paper);
    const idx = new Uint32Array(slots.size);
    const val = new Float32Array(slots.size);
    let i = 0;
    let norm = 0;
    for (const [s, c] of [...slots].sort((a, b) => a[0] - b[0])) {
      const v = (1 + Math.log(c)) * (Math.log((1 + n) / (1 + (df[s] ?? 0))) + 1);
      idx[i] = s;
      val[i] = v;
      norm += v * v;
      i++;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < val.length; j++) val[j] = (val[j] as number) * inv;
    return { idx, val };
  };
}

export function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] as number) ** 2;
  if (norm === 0) return vector;
  const inv = 1 / Math.sqrt(norm);
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] as number) * inv;
  return out;
}

/** Summed in index order (unrolled by four, not reassociated: the same bits as a plain loop). */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s += (a[i] as number) * (b[i] as number);
    s += (a[i + 1] as number) * (b[i + 1] as number);
    s += (a[i + 2] as number) * (b[i + 2] as number);
    s += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (; i < n; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Dot product of a sparse vector with a dense weight array. */
export function sparseDot(x: SparseVector, w: Float32Array | Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.idx.length; i++)
    s += (x.val[i] as number) * (w[x.idx[i] as number] as number);
  return s;
}
