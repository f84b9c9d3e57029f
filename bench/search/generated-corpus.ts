/**
 * A generated corpus for the 1M-paper benchmark, made without any model:
 * - words follow the real corpus's unigram frequencies (Zipf), with topic words mixed in, so FTS5
 *   posting lists have realistic lengths for real queries;
 * - vectors are clustered like embeddings (a centroid per topic plus a sub-topic offset plus
 *   noise), because uniform random vectors make every ANN index look broken.
 */
import type { BenchPaper } from './real-corpus.ts';

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Sampler over weighted items (cumulative table + binary search). */
function sampler<T>(items: T[], weights: number[], r: () => number): () => T {
  const cum = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    s += w;
    cum[i] = s;
  });
  return () => {
    const x = r() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  };
}

export interface GeneratorOptions {
  papers: number;
  dims: number;
  topics?: number;
  seed?: number;
}

export interface Generated {
  /** Yields papers in chunks, each with its vector. */
  chunks(size: number): Generator<{ papers: BenchPaper[]; vectors: Float32Array[] }>;
  /** A query vector near a random topic (what a cached query embedding looks like). */
  queryVector(i: number): Float32Array;
}

/** Builds a generator from the real corpus's texts (vocabulary and frequencies). */
export function generator(real: BenchPaper[], o: GeneratorOptions): Generated {
  const r = rng(o.seed ?? 42);
  const counts = new Map<string, number>();
  for (const p of real) {
    for (const w of `${p.title} ${p.abstract}`.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? []) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const vocab = [...counts].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1]);
  const words = vocab.map(([w]) => w);
  const background = sampler(
    words,
    vocab.map(([, c]) => c),
    r,
  );
  const topics = o.topics ?? 1000;
  const midBand = words.slice(200, Math.min(words.length, 20_000));
  const topicWords = Array.from({ length: topics }, () =>
    Array.from({ length: 40 }, () => midBand[Math.floor(r() * midBand.length)] as string),
  );
  const topicOf = sampler(
    Array.from({ length: topics }, (_, i) => i),
    Array.from({ length: topics }, (_, i) => 1 / (i + 1) ** 0.8),
    r,
  );
  const unit = (v: Float32Array) => {
    const n = Math.hypot(...v) || 1;
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / n;
    return v;
  };
  const randomUnit = () => unit(Float32Array.from({ length: o.dims }, () => gaussian(r)));
  const centroids = Array.from({ length: topics }, randomUnit);
  const subs = Array.from({ length: 16 }, randomUnit);
  const near = (t: number, spread: number) => {
    const c = centroids[t] as Float32Array;
    const s = subs[Math.floor(r() * subs.length)] as Float32Array;
    const v = new Float32Array(o.dims);
    for (let i = 0; i < o.dims; i++) {
      v[i] =
        (c[i] as number) + 0.35 * (s[i] as number) + (spread * gaussian(r)) / Math.sqrt(o.dims);
    }
    return unit(v);
  };
  const cats = [
    'cs.CL',
    'cs.LG',
    'cs.CV',
    'cs.AI',
    'cs.RO',
    'stat.ML',
    'math.OC',
    'eess.AS',
    'q-bio.BM',
    'physics.comp-ph',
  ];
  const text = (t: number, n: number, share: number) => {
    const tw = topicWords[t] as string[];
    return Array.from({ length: n }, () =>
      r() < share ? (tw[Math.floor(r() * tw.length)] as string) : background(),
    ).join(' ');
  };
  return {
    *chunks(size) {
      for (let start = 0; start < o.papers; start += size) {
        const papers: BenchPaper[] = [];
        const vectors: Float32Array[] = [];
        for (let i = start; i < Math.min(o.papers, start + size); i++) {
          const t = topicOf();
          const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(r() * 4200) * 86_400_000);
          papers.push({
            id: `g${String(i).padStart(7, '0')}`,
            title: text(t, 9, 0.5),
            abstract: text(t, 140, 0.25),
            authors: [`${background()} ${background()}`, `${background()} ${background()}`],
            categories: [cats[t % cats.length] as string],
            submittedAt: day.toISOString(),
          });
          vectors.push(near(t, 1.1));
        }
        yield { papers, vectors };
      }
    },
    queryVector(i) {
      const q = rng(1000 + i);
      return near(Math.floor(q() * Math.min(topics, 200)), 1.3);
    },
  };
}
