/**
 * Adam for embedding tables with sparse gradients ("lazy" Adam): only the rows a batch touched are
 * updated, their moments decay only when touched, and bias correction uses the global step.
 */
export class SparseAdam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private step = 0;

  constructor(
    private readonly params: Float32Array,
    private readonly width: number,
    readonly options: { learningRate: number; beta1?: number; beta2?: number; epsilon?: number },
  ) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
  }

  /** Applies `grads` (same shape as params) on `rows` only, then zeroes those gradient rows. */
  update(rows: ArrayLike<number>, count: number, grads: Float32Array, learningRate?: number): void {
    const b1 = this.options.beta1 ?? 0.9;
    const b2 = this.options.beta2 ?? 0.999;
    const eps = this.options.epsilon ?? 1e-8;
    this.step++;
    const lr =
      ((learningRate ?? this.options.learningRate) * Math.sqrt(1 - b2 ** this.step)) /
      (1 - b1 ** this.step);
    const { m, v, params, width } = this;
    for (let r = 0; r < count; r++) {
      const base = rows[r]! * width;
      for (let k = base; k < base + width; k++) {
        const g = grads[k]!;
        grads[k] = 0;
        const mk = b1 * m[k]! + (1 - b1) * g;
        const vk = b2 * v[k]! + (1 - b2) * g * g;
        m[k] = mk;
        v[k] = vk;
        params[k]! -= (lr * mk) / (Math.sqrt(vk) + eps);
      }
    }
  }
}
