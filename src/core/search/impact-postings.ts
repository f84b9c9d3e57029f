/**
 * The pure parts of the impact-ordered index (see sqlite-impact-index.ts): FTS5's BM25 for one
 * term in one document, per-term 8-bit quantisation into impact levels, docid lists as delta
 * varints, FTS5's own varint (its docsize records), and a bounded top-k of accumulated scores.
 */

/** FTS5's bm25() constants (fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;

/** Impact levels per term: a posting's score is stored as one of 255 steps of the term's best. */
export const LEVELS = 255;

/** FTS5's idf: ln((N − n + 0.5) / (n + 0.5)), and 1e-6 when that is not positive. */
export function idfOf(docs: number, hits: number): number {
  const idf = Math.log((docs - hits + 0.5) / (hits + 0.5));
  return idf > 0 ? idf : 1e-6;
}

/** One term's BM25 score in one document, as FTS5 computes it (f = column-weighted frequency). */
export function bm25Term(idf: number, f: number, docLength: number, avgLength: number): number {
  return (idf * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * docLength) / avgLength));
}

/** Document lengths (tokens, by docid) and the corpus figures BM25 needs. */
export interface CorpusLengths {
  lengths: ArrayLike<number>;
  docs: number;
  avgLength: number;
}

/**
 * A term's segments from its documents (ascending docids) and column-weighted frequencies, or
 * null when the term is in half the documents or more: FTS5's idf gives it no weight then.
 */
export function termSegments(
  docids: number[],
  freqs: number[],
  corpus: CorpusLengths,
): Segment[] | null {
  const idf = idfOf(corpus.docs, docids.length);
  if (idf <= 1e-6) return null;
  const scores = docids.map((d, i) =>
    bm25Term(idf, freqs[i] as number, corpus.lengths[d] as number, corpus.avgLength),
  );
  return segmentsOf(docids, scores);
}

/** Postings per stored segment (the unit a query reads). */
export const SEGMENT_POSTINGS = 2048;

/** One stored segment of a term: postings with their impact levels. */
export interface Segment {
  /** The best score in the segment (segments are read best first). */
  weight: number;
  /** Score of one level step: a posting at level l scores l × scale. */
  scale: number;
  /** Ascending docids, and each one's level (1–255) at the same index. */
  docids: number[];
  levels: number[];
}

/**
 * Splits a term's postings into segments of up to SEGMENT_POSTINGS, best first. Each score
 * becomes a level 1–255 of the term's best score (the top of every term keeps full resolution);
 * within a segment docids are ascending. `docids` must be ascending.
 */
export function segmentsOf(docids: number[], scores: number[]): Segment[] {
  let best = 0;
  for (const s of scores) if (s > best) best = s;
  if (best <= 0) return [];
  const scale = best / LEVELS;
  const levels = scores.map((s) => Math.max(1, Math.min(LEVELS, Math.round(s / scale))));
  const order = docids.map((_, i) => i);
  order.sort((a, b) => (levels[b] as number) - (levels[a] as number) || a - b);
  const out: Segment[] = [];
  for (let start = 0; start < order.length; start += SEGMENT_POSTINGS) {
    const chunk = order.slice(start, start + SEGMENT_POSTINGS).sort((a, b) => a - b);
    out.push({
      weight: (levels[order[start] as number] as number) * scale,
      scale,
      docids: chunk.map((i) => docids[i] as number),
      levels: chunk.map((i) => levels[i] as number),
    });
  }
  return out;
}

/** A segment as stored: its levels (one byte each), then its docids as delta varints. */
export function encodeSegment(segment: Segment): Uint8Array {
  const ids = encodeDocids(segment.docids);
  const out = new Uint8Array(segment.levels.length + ids.length);
  out.set(segment.levels, 0);
  out.set(ids, segment.levels.length);
  return out;
}

/** Ascending docids as delta-encoded LEB128 varints. */
export function encodeDocids(docids: number[]): Uint8Array {
  const out = new Uint8Array(docids.length * 5);
  let at = 0;
  let previous = 0;
  for (const docid of docids) {
    let gap = docid - previous;
    previous = docid;
    while (gap >= 0x80) {
      out[at++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    out[at++] = gap;
  }
  return out.slice(0, at);
}

/**
 * Calls `visit` with every docid of an encoded list, in order. ImpactAccumulator's decode
 * inlines this loop (a call per posting costs too much there).
 */
export function forEachDocid(bytes: Uint8Array, visit: (docid: number) => void): void {
  let docid = 0;
  let at = 0;
  const end = bytes.length;
  while (at < end) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++] as number;
      gap |= (byte & 0x7f) << shift; // docids stay below 2^31
      shift += 7;
    } while (byte & 0x80 && at < end);
    docid += gap;
    visit(docid);
  }
}

/** Sum of the SQLite-format varints in an FTS5 docsize record (tokens in the row, all columns). */
export function docsizeTotal(record: Uint8Array): number {
  let total = 0;
  let at = 0;
  while (at < record.length) {
    let value = 0;
    let byte: number;
    do {
      byte = record[at++] as number;
      value = value * 128 + (byte & 0x7f);
    } while (byte & 0x80 && at < record.length);
    total += value;
  }
  return total;
}

/**
 * The `k` best of the `n` first `docids` by `scores[docid]` (higher first; equal scores by lower
 * docid), leaving out docids in `skip`. One pass; the heap is touched only by candidates better
 * than the worst kept.
 */
export function topK(
  docids: ArrayLike<number>,
  n: number,
  scores: ArrayLike<number>,
  k: number,
  skip: Set<number> = new Set(),
): { docid: number; score: number }[] {
  const heap = new TopK(k);
  for (let i = 0; i < n; i++) {
    const docid = docids[i] as number;
    const score = scores[docid] as number;
    if (score >= heap.floor && !skip.has(docid)) heap.offer(docid, score, 0);
  }
  return heap.sorted().map(({ docid, score }) => ({ docid, score }));
}

/**
 * The best `k` of the documents offered (higher score first, equal scores by lower docid), with
 * their stem bits: a min-heap whose root is the worst kept; `floor` is its score once full.
 */
export class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private readonly masks: Int32Array;
  private size = 0;
  /** Offers below this cannot enter (the worst kept score once `k` are kept). */
  floor = Number.NEGATIVE_INFINITY;

  constructor(private readonly k: number) {
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
    this.masks = new Int32Array(k);
  }

  offer(docid: number, score: number, mask: number): void {
    const { docs, scores, masks, k } = this;
    if (k === 0) return;
    if (this.size < k) {
      let c = this.size++;
      docs[c] = docid;
      scores[c] = score;
      masks[c] = mask;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!this.worse(c, parent)) break;
        this.swap(c, parent);
        c = parent;
      }
      if (this.size === k) this.floor = scores[0] as number;
      return;
    }
    if (score === this.floor && docid > (docs[0] as number)) return;
    docs[0] = docid;
    scores[0] = score;
    masks[0] = mask;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      if (l < k && this.worse(l, m)) m = l;
      if (r < k && this.worse(r, m)) m = r;
      if (m === c) break;
      this.swap(c, m);
      c = m;
    }
    this.floor = scores[0] as number;
  }

  /** What is kept, best first. */
  sorted(): { docid: number; score: number; mask: number }[] {
    const out: { docid: number; score: number; mask: number }[] = [];
    for (let i = 0; i < this.size; i++) {
      out.push({
        docid: this.docs[i] as number,
        score: this.scores[i] as number,
        mask: this.masks[i] as number,
      });
    }
    return out.sort((a, b) => b.score - a.score || a.docid - b.docid);
  }

  /** Whether entry i ranks below entry j (lower score, or equal and higher docid). */
  private worse(i: number, j: number): boolean {
    const si = this.scores[i] as number;
    const sj = this.scores[j] as number;
    return si < sj || (si === sj && (this.docs[i] as number) > (this.docs[j] as number));
  }

  private swap(i: number, j: number): void {
    const { docs, scores, masks } = this;
    const d = docs[i] as number;
    docs[i] = docs[j] as number;
    docs[j] = d;
    const s = scores[i] as number;
    scores[i] = scores[j] as number;
    scores[j] = s;
    const m = masks[i] as number;
    masks[i] = masks[j] as number;
    masks[j] = m;
  }
}
