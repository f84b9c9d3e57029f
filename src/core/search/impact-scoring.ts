/**
 * Score-at-a-time over an impact-ordered index, shared by both engines' impact indexes
 * (SqliteImpactIndex, PostgresImpactIndex): which stored segments a query reads, in which order,
 * when it stops (a budget of postings), the accumulators and the top k; and when such an index
 * may answer at all (how far behind the store it may lag). Storage reads the bytes; this scores.
 */
import { SEGMENT_POSTINGS, topK } from './impact-postings.ts';

/** Sets of stem bits below this are tallied in a typed array (queries of up to 12 key terms). */
const SMALL_UNION = 1 << 12;

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
  /** Stem bits → documents seen holding exactly those. */
  tally: Map<number, number>;
  /**
   * False when documents went unseen: the postings budget stopped the walk, or a term too
   * common to weigh was left out (the tally is then a lower bound).
   */
  complete: boolean;
}

/**
 * Accumulators per docid for one query at a time (reused between queries: a Float32Array the
 * size of the store and the stem bits found per docid, cleared after each query through the
 * list of touched docids).
 */
export class ImpactAccumulator {
  private acc = new Float32Array(0);
  private masks = new Int32Array(0);
  private touched = new Int32Array(1 << 16);
  private touchedCount = 0;
  /** Documents seen per set of stem bits, while tallying (all zero between queries). */
  private counts = new Int32Array(0);

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
    if (this.acc.length <= watermark) {
      this.acc = new Float32Array(watermark + 1024);
      this.masks = new Int32Array(watermark + 1024);
    }
    this.touchedCount = 0;
    let added = 0;
    let complete = true;
    let union = 0; // every bit a document seen may hold
    for (const h of order) {
      if (h.weight <= 0 || added >= postings) {
        complete = false; // the rest only add the smallest impacts, or none
        break;
      }
      const bytes = read(h.id);
      if (!bytes) continue;
      this.add(bytes, h.count, h.scale, h.bits);
      union |= h.bits;
      added += h.count;
    }
    const { acc, masks, touched } = this;
    const n = this.touchedCount;
    const found = topK(touched, n, acc, k, skip);
    const hits = found.map((h) => ({ ...h, mask: masks[h.docid] as number }));
    const tally = this.tallyAndClear(n, union, skip);
    return { hits, tally, complete };
  }

  /**
   * Stem bits → documents seen holding exactly those (leaving out `skip`), keyed in the order
   * each set of bits is first seen; clears the accumulators of the documents seen. Counts in a
   * typed array indexed by bits when `union` (every bit seen) is small, else in a Map.
   */
  private tallyAndClear(n: number, union: number, skip: Set<number>): Map<number, number> {
    const { acc, masks, touched } = this;
    const checkSkip = skip.size > 0;
    const tally = new Map<number, number>();
    if (union < SMALL_UNION) {
      if (this.counts.length <= union) this.counts = new Int32Array(SMALL_UNION);
      const counts = this.counts;
      const seen: number[] = [];
      for (let i = 0; i < n; i++) {
        const docid = touched[i] as number;
        const m = masks[docid] as number;
        acc[docid] = 0;
        masks[docid] = 0;
        if (checkSkip && skip.has(docid)) continue;
        if (counts[m] === 0) seen.push(m);
        counts[m] = (counts[m] as number) + 1;
      }
      for (const m of seen) {
        tally.set(m, counts[m] as number);
        counts[m] = 0;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const docid = touched[i] as number;
        const m = masks[docid] as number;
        acc[docid] = 0;
        masks[docid] = 0;
        if (checkSkip && skip.has(docid)) continue;
        tally.set(m, (tally.get(m) ?? 0) + 1);
      }
    }
    this.touchedCount = 0;
    return tally;
  }

  /**
   * Adds each posting of a stored segment (`count` levels, then delta-varint docids; see
   * encodeSegment) to its document's accumulator, and `bits` to its mask. The varint loop is
   * inlined: a call per posting costs too much here.
   */
  private add(bytes: Uint8Array, count: number, scale: number, bits: number): void {
    const acc = this.acc;
    const masks = this.masks;
    let touched = this.touchedCount;
    let docid = 0;
    let at = count;
    let n = 0;
    const end = bytes.length;
    if (touched + count > this.touched.length) {
      // A segment touches at most `count` new documents: make room first.
      const grown = new Int32Array(Math.max(this.touched.length * 2, touched + count));
      grown.set(this.touched.subarray(0, touched));
      this.touched = grown;
    }
    const touchedList = this.touched;
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
      const level = bytes[n++] as number;
      const before = acc[docid];
      if (before === 0) {
        touchedList[touched++] = docid;
      } else if (before === undefined) continue; // beyond the generation read (never in practice)
      acc[docid] = (before as number) + level * scale;
      masks[docid] = (masks[docid] as number) | bits;
    }
    this.touchedCount = touched;
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
