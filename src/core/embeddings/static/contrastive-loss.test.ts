import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contrastiveLoss } from './contrastive-loss.ts';

function unitRows(n: number, dim: number, seed: number): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let k = 0; k < dim; k++) {
      const v = Math.sin((i + 1) * (k + 2) * seed);
      out[i * dim + k] = v;
      sq += v * v;
    }
    for (let k = 0; k < dim; k++) out[i * dim + k]! /= Math.sqrt(sq);
  }
  return out;
}

test('contrastive loss gradients match finite differences, with extra negatives', () => {
  const n = 3;
  const m = 5;
  const dim = 4;
  const q = unitRows(n, dim, 0.7);
  const d = unitRows(m, dim, 1.3);
  const { loss, gradQueries, gradDocuments } = contrastiveLoss(q, d, n, m, dim, 0.2);
  assert.ok(loss > 0);
  const eps = 1e-3;
  for (const [name, arr, grad] of [
    ['query', q, gradQueries],
    ['document', d, gradDocuments],
  ] as const) {
    for (let i = 0; i < arr.length; i++) {
      const keep = arr[i]!;
      arr[i] = keep + eps;
      const up = contrastiveLoss(q, d, n, m, dim, 0.2).loss;
      arr[i] = keep - eps;
      const down = contrastiveLoss(q, d, n, m, dim, 0.2).loss;
      arr[i] = keep;
      const numeric = (up - down) / (2 * eps);
      assert.ok(Math.abs(numeric - grad[i]!) < 1e-3, `${name}[${i}]: ${grad[i]} vs ${numeric}`);
    }
  }
});

test('perfectly separated pairs have near-zero loss', () => {
  const dim = 3;
  const eye = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const { loss } = contrastiveLoss(eye, eye, 3, 3, dim, 0.01);
  assert.ok(loss < 1e-6);
});
