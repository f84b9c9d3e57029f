/**
 * Deterministic randomness for training and for the hashed vectors of out-of-vocabulary words:
 * a seeded PRNG (SplitMix32) and a 32-bit string hash (FNV-1a), so the same seed and data always
 * give the same model bytes on every machine.
 */

/** A seeded generator of uniform floats in [0, 1) and 32-bit integers. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned integer (SplitMix32). */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}

/** FNV-1a hash of a string's UTF-16 code units, mixed with `seed`. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche so that similar strings get unrelated streams
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Adds `weight` × the pseudo-random sign vector of `hash` (components ±1/√dim, unit length) to
 * `out[offset..offset+dim)`.
 */
export function addHashedSigns(
  hash: number,
  dim: number,
  weight: number,
  out: Float32Array,
  offset: number,
): void {
  // SplitMix32 inlined (same stream as Rng(hash).nextUint32()); no allocation per token
  let state = hash >>> 0;
  const w = weight / Math.sqrt(dim);
  for (let i = 0; i < dim; i += 32) {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    let bits = (z ^ (z >>> 16)) >>> 0;
    const end = offset + Math.min(i + 32, dim);
    for (let k = offset + i; k < end; k++) {
      out[k]! += ((bits & 1) * 2 - 1) * w;
      bits >>>= 1;
    }
  }
}
