/**
 * Score-at-a-time over an impact-ordered index, shared by both engines' impact indexes
 * (SqliteImpactIndex, PostgresImpactIndex): which stored segments a query reads, in which order,
 * when it stops (a budget of postings), the accumulators and the top k; and when such an index
 * may answer at all (how far behind the store it may lag). Storage reads the bytes; this scores.
 */
import { SEGMENT_POSTINGS, topK } from './impact-postings.ts';

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

/** How often each stem is given (a stem given n times weighs n times, as in FTS5's OR). */
export function stemTimes(stems: string[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const stem of stems) times.set(stem, (times.get(stem) ?? 0) + 1);
  return times;
}

/**
 * The segments a query reads, best first (weights and scales times the stem's count; equal
 * weights by term, then as stored), up to the first one that reaches `postings`. Segments of
 * terms too common to weigh (weight 0) are left out.
 */
export function readOrder(
  heads: SegmentHead[],
  times: Map<string, number>,
  postings: number,
): SegmentHead[] {
  const order = heads
    .map((h, i) => ({ ...h, i, n: times.get(h.term) ?? 1 }))
    .filter((h) => h.weight > 0)
    .map((h) => ({ ...h, weight: h.weight * h.n, scale: h.scale * h.n }))
    .sort(
      (a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : a.i - b.i),
    );
  const out: SegmentHead[] = [];
  let added = 0;
  for (const { i: _i, n: _n, ...h } of order) {
    if (added >= postings) break;
    out.push(h);
    added += h.count;
  }
  return out;
}

/**
 * Accumulators per docid for one query at a time (reused between queries: a Float32Array the
 * size of the store, cleared after each query through the list of touched docids).
 */
export class ImpactAccumulator {
  private acc = new Float32Array(0);
  private touched = new Int32Array(1 << 16);
  private touchedCount = 0;

  /**
   * Scores the segments in `order` (their bytes from `read`; a missing one — replaced by a newer
   * generation meanwhile — is skipped and not counted) until `postings` have been added; the
   * best `k` docids up to `watermark`, leaving out `skip`.
   */
  score(
    order: SegmentHead[],
    read: (id: number) => Uint8Array | undefined,
    watermark: number,
    postings: number,
    k: number,
    skip: Set<number>,
  ): { docid: number; score: number }[] {
    if (this.acc.length <= watermark) this.acc = new Float32Array(watermark + 1024);
    this.touchedCount = 0;
    let added = 0;
    for (const h of order) {
      if (added >= postings) break; // the rest only add the smallest impacts
      const bytes = read(h.id);
      if (!bytes) continue;
      this.add(bytes, h.count, h.scale);
      added += h.count;
    }
    const acc = this.acc;
    const hits = topK(this.touched, this.touchedCount, acc, k, skip);
    for (let i = 0; i < this.touchedCount; i++) acc[this.touched[i] as number] = 0;
    this.touchedCount = 0;
    return hits;
  }

  /**
   * Adds each posting of a stored segment (`count` levels, then delta-varint docids; see
   * encodeSegment) to its document's accumulator. The varint loop is inlined: a call per
   * posting costs too much here.
   */
  private add(bytes: Uint8Array, count: number, scale: number): void {
    const acc = this.acc;
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
