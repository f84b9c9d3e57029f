/**
 * Score-at-a-time over an impact-ordered index, shared by both engines' impact indexes
 * (SqliteImpactIndex, PostgresImpactIndex): which stored segments a query reads, in which order,
 * when it stops (a budget of postings), the accumulators and the top k; and when such an index
 * may answer at all (how far behind the store it may lag). Storage reads the bytes; this scores.
 */
import { SEGMENT_POSTINGS, TopK } from './impact-postings.ts';
import { MaskTally } from './mask-tally.ts';

/** Postings a query adds before it stops (the remaining segments have the lowest impacts). */
export const DEFAULT_POSTINGS = 100_000;

/** Most changed papers an impact index tolerates (ranked apart) before it is stale. */
export const MAX_STALE = 2000;

/** One stored segment's head: its id in storage, best score, level step, postings. */
export interface SegmentHead {
  id: number;
  term: string;
  weight: number;
  scale: number;
  count: number;
}

/** Segments of one term a query may read: every segment but a term's last is full. */
export function segmentsPerTerm(postings: number): number {
  return Math.ceil(postings / SEGMENT_POSTINGS) + 1;
}

/** How a query uses one stem: how many times it counts, and its tally bits. */
export interface StemUse {
  times: number;
  bits: number;
}

/**
 * Each stem's use, in the order stems are first given: a stem given n times (several query
 * words with one stem) or with a weight of n counts n times, as in FTS5's OR; its bits are
 * those of every word it stands for.
 */
export function stemUses(
  stems: string[],
  /** How many times each stem counts (parallel to `stems`; default 1 each). */
  times?: number[],
  /** The tally bit of each stem (parallel to `stems`; default none). */
  bits?: number[],
): Map<string, StemUse> {
  const uses = new Map<string, StemUse>();
  stems.forEach((stem, i) => {
    const use = uses.get(stem) ?? { times: 0, bits: 0 };
    use.times += times?.[i] ?? 1;
    use.bits |= bits?.[i] ?? 0;
    uses.set(stem, use);
  });
  return uses;
}

/** A segment as one query reads it: weight and scale times its stem's count, the stem's bits. */
export interface QuerySegment extends SegmentHead {
  bits: number;
}

/**
 * The segments a query reads, best first (weights and scales times the stem's count; equal
 * weights by the stem's place in the query, then as given, which is each term's stored order).
 * Segments of terms too common to weigh (weight 0) come last: they add nothing to scores, and
 * the documents only they hold go uncounted.
 */
export function readOrder(heads: SegmentHead[], uses: Map<string, StemUse>): QuerySegment[] {
  const place = new Map([...uses.keys()].map((stem, i) => [stem, i]));
  return heads
    .map((h, i) => {
      const use = uses.get(h.term) ?? { times: 1, bits: 0 };
      const weight = h.weight * use.times;
      return { h: { ...h, weight, scale: h.scale * use.times, bits: use.bits }, i };
    })
    .sort(
      (a, b) =>
        b.h.weight - a.h.weight ||
        (place.get(a.h.term) ?? 0) - (place.get(b.h.term) ?? 0) ||
        a.i - b.i,
    )
    .map(({ h }) => h);
}

/**
 * The ids of the segments ImpactAccumulator.score reads from `order` with a budget of
 * `postings` when every one is there: those before the budget is reached or a weightless one,
 * so storage can fetch them in one read.
 */
export function segmentsRead(order: QuerySegment[], postings: number): number[] {
  const ids: number[] = [];
  let added = 0;
  for (const h of order) {
    if (h.weight <= 0 || added >= postings) break;
    ids.push(h.id);
    added += h.count;
  }
  return ids;
}

/** What an impact query found: its best documents, and a tally of every document it saw. */
export interface ImpactResult {
  /** The best documents, each with the bits of the stems it holds. */
  hits: { docid: number; score: number; mask: number }[];
  /** Stem bits → documents seen holding exactly those (in no particular order). */
  tally: Map<number, number>;
  /**
   * False when documents went unseen: the postings budget stopped the walk, or a term too
   * common to weigh was left out (the tally is then a lower bound).
   */
  complete: boolean;
}

/** Docids per block: a block's accumulators (32 KB) stay in the fastest caches. */
const BLOCK_BITS = 12;
const BLOCK = 1 << BLOCK_BITS;

/**
 * Accumulates one query at a time, reused between queries, in memory that grows with the
 * postings read rather than with the store: the postings of every segment read are decoded into
 * flat arrays, grouped by docid block (a stable counting sort, so each document's postings keep
 * the walk's order and its float32 score sums in the same order as a dense accumulator's would),
 * then each block is scored in accumulators of BLOCK docids and emptied into the top k and the
 * tally. A dense accumulator per docid spans 8 MB at 1M papers, and its random reads and writes
 * (two cache and TLB misses a posting) took most of a search's time there.
 */
export class ImpactAccumulator {
  /** Postings decoded in walk order: docid, and the segment's place in `order` × 256 + level. */
  private docs = new Int32Array(1 << 16);
  private codes = new Int32Array(1 << 16);
  /** The same postings grouped by block. */
  private byBlockDocs = new Int32Array(1 << 16);
  private byBlockCodes = new Int32Array(1 << 16);
  /** Postings per block, then where each block starts. */
  private starts = new Int32Array(0);
  /** One block's accumulators (indexed by docid within the block) and the docids it touched. */
  private readonly scores = new Float32Array(BLOCK);
  private readonly masks = new Int32Array(BLOCK);
  private readonly touched = new Int32Array(BLOCK);
  /** Documents seen per set of stem bits (empty between queries). */
  private readonly tally = new MaskTally();

  /**
   * Scores the segments in `order` (their bytes from `read`; a missing one — replaced by a newer
   * generation meanwhile — is skipped and not counted) until `postings` have been added; the
   * best `k` docids up to `watermark`, leaving out `skip`, and the tally of all others seen.
   */
  score(
    order: QuerySegment[],
    read: (id: number) => Uint8Array | undefined,
    watermark: number,
    postings: number,
    k: number,
    skip: Set<number>,
  ): ImpactResult {
    let added = 0;
    let complete = true;
    let n = 0; // postings decoded
    const used: QuerySegment[] = [];
    for (const h of order) {
      if (h.weight <= 0 || added >= postings) {
        complete = false; // the rest only add the smallest impacts, or none
        break;
      }
      const bytes = read(h.id);
      if (!bytes) continue;
      n = this.decode(bytes, h.count, used.length, watermark, n);
      used.push(h);
      added += h.count;
    }
    const blocks = this.group(n, watermark);
    return { ...this.collect(used, blocks, k, skip), complete };
  }

  /**
   * Appends a stored segment's postings (`count` levels, then delta-varint docids; see
   * encodeSegment) after the first `n`, coded with the segment's place `segment`; docids above
   * the watermark (never in practice) are dropped. Returns the new number of postings. The
   * varint loop is inlined: a call per posting costs too much here.
   */
  private decode(
    bytes: Uint8Array,
    count: number,
    segment: number,
    watermark: number,
    n: number,
  ): number {
    if (n + count > this.docs.length) {
      const size = Math.max(this.docs.length * 2, n + count);
      const docs = new Int32Array(size);
      docs.set(this.docs.subarray(0, n));
      const codes = new Int32Array(size);
      codes.set(this.codes.subarray(0, n));
      this.docs = docs;
      this.codes = codes;
      this.byBlockDocs = new Int32Array(size);
      this.byBlockCodes = new Int32Array(size);
    }
    const { docs, codes } = this;
    const base = segment * 256;
    const end = bytes.length;
    let docid = 0;
    let at = count;
    let i = 0;
    while (at < end) {
      let byte = bytes[at++] as number;
      let gap = byte & 0x7f;
      let shift = 7;
      while (byte & 0x80 && at < end) {
        byte = bytes[at++] as number;
        gap |= (byte & 0x7f) << shift; // docids stay below 2^31
        shift += 7;
      }
      docid += gap;
      const level = bytes[i++] as number;
      if (docid > watermark) continue;
      docs[n] = docid;
      codes[n++] = base + level;
    }
    return n;
  }

  /** Groups the `n` postings by block, keeping their order within each; the number of blocks. */
  private group(n: number, watermark: number): number {
    const blocks = (watermark >> BLOCK_BITS) + 1;
    if (this.starts.length < blocks + 1) this.starts = new Int32Array(blocks + 1);
    const { docs, codes, byBlockDocs, byBlockCodes, starts } = this;
    starts.fill(0, 0, blocks + 1);
    for (let i = 0; i < n; i++) {
      const b = ((docs[i] as number) >> BLOCK_BITS) + 1;
      starts[b] = (starts[b] as number) + 1;
    }
    for (let b = 1; b <= blocks; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
    // starts[b] is now where block b begins; it advances as the block fills, to its end.
    for (let i = 0; i < n; i++) {
      const docid = docs[i] as number;
      const b = docid >> BLOCK_BITS;
      const j = starts[b] as number;
      starts[b] = j + 1;
      byBlockDocs[j] = docid;
      byBlockCodes[j] = codes[i] as number;
    }
    return blocks;
  }

  /**
   * Scores block after block (after group, block b holds the postings up to starts[b]), and
   * empties each block's accumulators into the best `k` documents (higher score first, equal
   * scores by lower docid, as topK) with their bits, and into stem bits → documents seen holding
   * exactly those, leaving out `skip`.
   */
  private collect(
    used: QuerySegment[],
    blocks: number,
    k: number,
    skip: Set<number>,
  ): Pick<ImpactResult, 'hits' | 'tally'> {
    const { byBlockDocs, byBlockCodes, starts, scores, masks, touched } = this;
    const scales = Float64Array.from(used, (h) => h.scale);
    const bits = Int32Array.from(used, (h) => h.bits);
    const checkSkip = skip.size > 0;
    const tally = this.tally;
    const heap = new TopK(k);
    let from = 0;
    for (let b = 0; b < blocks; b++) {
      const to = starts[b] as number;
      if (to === from) continue;
      let t = 0;
      for (let j = from; j < to; j++) {
        const d = (byBlockDocs[j] as number) & (BLOCK - 1);
        const code = byBlockCodes[j] as number;
        const segment = code >> 8;
        const before = scores[d] as number;
        if (before === 0) touched[t++] = d;
        scores[d] = before + (code & 0xff) * (scales[segment] as number);
        masks[d] = (masks[d] as number) | (bits[segment] as number);
      }
      from = to;
      const offset = b << BLOCK_BITS;
      for (let i = 0; i < t; i++) {
        const d = touched[i] as number;
        const score = scores[d] as number;
        const m = masks[d] as number;
        scores[d] = 0;
        masks[d] = 0;
        const docid = offset + d;
        if (checkSkip && skip.has(docid)) continue;
        tally.add(m);
        if (score >= heap.floor) heap.offer(docid, score, m);
      }
    }
    return { hits: heap.sorted(), tally: tally.drain() };
  }
}

/** What an impact index covers against the store now. */
export interface ImpactLag {
  /** Papers stored since the index was built (docids above its watermark). */
  behind: number;
  /** Papers changed since (ranked apart). */
  stale: number;
  /** When it was built (ISO instant). */
  builtAt: string;
}

const HOUR_MS = 60 * 60_000;

/**
 * Whether an impact index may answer plain queries: not more new papers than the budget behind
 * the store, not too many changed ones. Otherwise the bounded plans answer until the next build.
 */
export function impactsFresh(lag: ImpactLag, budget: number): boolean {
  return lag.behind <= budget && lag.stale <= MAX_STALE;
}

/**
 * Whether an impact index should be rebuilt: never built, built `maxAgeMs` ago or earlier, or
 * (at most hourly: a bulk import would otherwise rebuild every check) halfway to lagging too far.
 */
export function impactsDue(
  lag: ImpactLag | null,
  now: Date,
  maxAgeMs: number,
  budget: number,
): boolean {
  if (!lag) return true;
  const age = now.getTime() - Date.parse(lag.builtAt);
  if (age >= maxAgeMs) return true;
  if (age < Math.min(maxAgeMs, HOUR_MS)) return false;
  return lag.behind > budget / 2 || lag.stale > MAX_STALE / 2;
}
