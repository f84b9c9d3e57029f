/**
 * An HNSW graph (usearch) of one model's vectors, keyed by docid, and its file beside the store:
 * `<dir>/<model>.usearch` plus `<model>.json` naming the model, dimensions, quantisation and the
 * last stored vector (`seq`) it holds, so a restart loads it and adds only what came since.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Index, MetricKind, type ScalarKind } from 'usearch';
import type { Logger } from '../../core/logger.ts';

export interface HnswOptions {
  /** HNSW storage: f32, f16 (default; half the memory, same ranking to ~3 decimals) or i8. */
  quantization?: 'f32' | 'f16' | 'i8';
  /** Graph degree (default 16) and search breadth (default 96). */
  connectivity?: number;
  expansionSearch?: number;
  /** Threads for adding batches (default 0 = all cores). */
  buildThreads?: number;
  /** Told when a saved graph cannot be loaded (it is then rebuilt from the store). */
  log?: Logger;
}

interface Meta {
  modelId: string;
  dimensions: number;
  lastSeq: number;
  quantization: string;
}

export class HnswGraph {
  /** The last stored vector (`seq`) the graph holds. */
  lastSeq = 0;
  private dirty = false;

  private constructor(
    private readonly index: Index,
    readonly dims: number,
    private readonly options: HnswOptions,
  ) {}

  static create(dims: number, options: HnswOptions): HnswGraph {
    return new HnswGraph(newIndex(dims, options), dims, options);
  }

  /**
   * The saved graph of `modelId` in `dir`, when there is one and it can belong to this store (it
   * holds no vector the store has not stored: `maxSeq`). Null otherwise, or when the file is
   * damaged — the caller rebuilds from the store.
   */
  static load(
    dir: string,
    modelId: string,
    maxSeq: number,
    options: HnswOptions,
  ): HnswGraph | null {
    const paths = pathsOf(dir, modelId);
    if (!existsSync(paths.index) || !existsSync(paths.meta)) return null;
    try {
      const meta = JSON.parse(readFileSync(paths.meta, 'utf8')) as Meta;
      if (meta.modelId !== modelId || meta.lastSeq > maxSeq) return null;
      const index = newIndex(meta.dimensions, options);
      index.load(paths.index);
      const graph = new HnswGraph(index, meta.dimensions, options);
      graph.lastSeq = meta.lastSeq;
      return graph;
    } catch (error) {
      options.log?.warn('vector index file unreadable; rebuilding it from the store', {
        file: paths.index,
        error,
      });
      return null;
    }
  }

  size(): number {
    return this.index.size();
  }

  /** Adds vectors in one multi-threaded call, replacing keys already there. */
  add(rows: { docid: number; vector: Float32Array }[]): void {
    if (rows.length === 0) return;
    const keys = BigUint64Array.from(rows.map((r) => BigInt(r.docid)));
    const present = this.index.contains(keys) as boolean[] | boolean;
    const again = keys.filter((_, i) => (Array.isArray(present) ? present[i] : present));
    if (again.length > 0) this.index.remove(again);
    const matrix = new Float32Array(rows.length * this.dims);
    rows.forEach((r, i) => {
      matrix.set(r.vector, i * this.dims);
    });
    this.index.add(keys, matrix, rows.length > 1 ? (this.options.buildThreads ?? 0) : 1);
    this.dirty = true;
  }

  /** The `k` nearest docids with their cosine similarity, best first. */
  search(vector: Float32Array, k: number): { docid: number; score: number }[] {
    const matches = this.index.search(vector, Math.min(k, this.index.size()), 1);
    return [...matches.keys].map((key, i) => ({
      docid: Number(key),
      score: 1 - (matches.distances[i] ?? 1),
    }));
  }

  /** Writes the graph and its meta file (atomically replaced), when it changed since. */
  save(dir: string, modelId: string): void {
    if (!this.dirty) return;
    const paths = pathsOf(dir, modelId);
    mkdirSync(dir, { recursive: true });
    this.index.save(`${paths.index}.tmp`);
    renameSync(`${paths.index}.tmp`, paths.index);
    const meta: Meta = {
      modelId,
      dimensions: this.dims,
      lastSeq: this.lastSeq,
      quantization: this.options.quantization ?? 'f16',
    };
    writeFileSync(paths.meta, JSON.stringify(meta));
    this.dirty = false;
  }
}

function newIndex(dimensions: number, options: HnswOptions): Index {
  return new Index({
    dimensions,
    metric: MetricKind.Cos,
    quantization: (options.quantization ?? 'f16') as ScalarKind,
    connectivity: options.connectivity ?? 16,
    expansion_add: 128,
    expansion_search: options.expansionSearch ?? 96,
    multi: false,
  });
}

/** Deletes the saved graphs of every model but `modelId` in `dir` (after a switch); returns their files. */
export function removeOtherGraphs(dir: string, modelId: string): string[] {
  if (!existsSync(dir)) return [];
  const keep = pathsOf(dir, modelId);
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!/\.(usearch|json)$/.test(name) || path === keep.index || path === keep.meta) continue;
    rmSync(path, { force: true });
    removed.push(name);
  }
  return removed;
}

function pathsOf(dir: string, modelId: string): { index: string; meta: string } {
  const base = join(dir, modelId.replace(/[^A-Za-z0-9._-]+/g, '_'));
  return { index: `${base}.usearch`, meta: `${base}.json` };
}
