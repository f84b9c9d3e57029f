/**
 * Exact nearest neighbours in memory: every vector of a model in one Float32Array, searched by
 * usearch's SIMD brute force (inner product of unit vectors = cosine). Used while a model has few
 * vectors, where it is both exact and faster than walking a graph.
 */
import { exactSearch, type Matches, MetricKind } from 'usearch';
import type { Scored } from '../../core/search/fuse.ts';

export class ExactVectors {
  private ids: string[] = [];
  private readonly pos = new Map<string, number>();
  private data = new Float32Array(0);

  constructor(readonly dims: number) {}

  get size(): number {
    return this.ids.length;
  }

  /** Adds a paper's vector, or replaces the one it has. */
  set(paperId: string, v: Float32Array): void {
    const at = this.pos.get(paperId);
    if (at !== undefined) {
      this.data.set(v, at * this.dims);
      return;
    }
    const n = this.ids.length;
    if ((n + 1) * this.dims > this.data.length) {
      const grown = new Float32Array(Math.max(1024, (n + 1) * 2) * this.dims);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(v, n * this.dims);
    this.ids.push(paperId);
    this.pos.set(paperId, n);
  }

  /** The `limit` nearest papers, best first (score = cosine similarity). */
  search(vector: Float32Array, limit: number): Scored[] {
    const n = this.ids.length;
    if (n === 0) return [];
    const matches = exactSearch(
      this.data.subarray(0, n * this.dims),
      vector,
      this.dims,
      Math.min(limit, n),
      MetricKind.IP,
      1,
    ) as Matches;
    const out: Scored[] = [];
    matches.keys.forEach((key, i) => {
      const id = this.ids[Number(key)];
      if (id !== undefined) out.push({ id, score: 1 - (matches.distances[i] ?? 1) });
    });
    return out;
  }
}
