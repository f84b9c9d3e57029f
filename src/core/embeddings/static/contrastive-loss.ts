/**
 * Symmetric InfoNCE (multiple-negatives ranking loss) over a batch: query i's positive is document
 * i; every other document in the batch (plus any extra hard negatives) is a negative, and in the
 * other direction document j must pick query j among all queries. Forward and hand-written backward.
 */

/** Loss and gradients of one batch. */
export interface ContrastiveResult {
  loss: number;
  /** n × dim: dLoss/dQuery rows. */
  gradQueries: Float32Array;
  /** m × dim: dLoss/dDocument rows. */
  gradDocuments: Float32Array;
}

/**
 * `queries` is n × dim, `documents` m × dim (m ≥ n; rows n..m-1 are extra negatives), all rows
 * L2-normalised. Loss = ½·mean over queries of cross-entropy over the m documents + ½·mean over the
 * first n documents of cross-entropy over the n queries; logits are dot products / temperature.
 */
export function contrastiveLoss(
  queries: Float32Array,
  documents: Float32Array,
  n: number,
  m: number,
  dim: number,
  temperature: number,
  gradQueries: Float32Array = new Float32Array(n * dim),
  gradDocuments: Float32Array = new Float32Array(m * dim),
): ContrastiveResult {
  const invT = 1 / temperature;
  const logits = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const qi = i * dim;
    for (let j = 0; j < m; j++) {
      const dj = j * dim;
      let s = 0;
      for (let k = 0; k < dim; k++) s += queries[qi + k]! * documents[dj + k]!;
      logits[i * m + j] = s * invT;
    }
  }
  // G = dLoss/dLogits
  const grad = new Float64Array(n * m);
  let loss = 0;
  const scale = 1 / (2 * n);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < m; j++) max = Math.max(max, logits[i * m + j]!);
    let sum = 0;
    for (let j = 0; j < m; j++) sum += Math.exp(logits[i * m + j]! - max);
    const lse = max + Math.log(sum);
    loss += (lse - logits[i * m + i]!) * scale;
    for (let j = 0; j < m; j++) grad[i * m + j]! += Math.exp(logits[i * m + j]! - lse) * scale;
    grad[i * m + i]! -= scale;
  }
  for (let j = 0; j < n; j++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) max = Math.max(max, logits[i * m + j]!);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp(logits[i * m + j]! - max);
    const lse = max + Math.log(sum);
    loss += (lse - logits[j * m + j]!) * scale;
    for (let i = 0; i < n; i++) grad[i * m + j]! += Math.exp(logits[i * m + j]! - lse) * scale;
    grad[j * m + j]! -= scale;
  }
  gradQueries.fill(0);
  gradDocuments.fill(0);
  for (let i = 0; i < n; i++) {
    const qi = i * dim;
    for (let j = 0; j < m; j++) {
      const g = grad[i * m + j]! * invT;
      if (g === 0) continue;
      const dj = j * dim;
      for (let k = 0; k < dim; k++) {
        gradQueries[qi + k]! += g * documents[dj + k]!;
        gradDocuments[dj + k]! += g * queries[qi + k]!;
      }
    }
  }
  return { loss, gradQueries, gradDocuments };
}
