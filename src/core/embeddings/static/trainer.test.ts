import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaticModel } from './model.ts';
import { BagEncoder } from './tokenizer.ts';
import { StaticTrainer } from './trainer.ts';

const TOKENS = ['graph', 'neural', 'network', 'protein', 'fold', 'graph neural'];

function tinyModel(): StaticModel {
  const semanticDim = 6;
  const vectors = Float32Array.from({ length: TOKENS.length * semanticDim }, (_, i) =>
    Math.sin(i * 1.7 + 0.3),
  );
  return {
    lexicalDim: 8,
    semanticDim,
    lexicalShare: 0.4,
    pairWeight: 0.5,
    tokens: TOKENS,
    documentFrequency: Uint32Array.from([5, 3, 7, 2, 4, 2]),
    documentCount: 10,
    vectors,
    weights: Float32Array.from([1.2, 0.7, 0.9, 1.5, 1.1, 0.8]),
    oovWeight: 0.6,
    hashSeed: 3,
  };
}

const encoder = new BagEncoder(TOKENS, 3);
const queries = [
  ['graph', 'neural', 'network'],
  ['protein', 'fold', 'unseen'],
  ['network', 'network', 'graph'],
].map((w) => encoder.encode(w));
const documents = [
  ['graph', 'neural', 'network', 'fold'],
  ['protein', 'fold', 'rare', 'unseen'],
  ['network', 'protein'],
  ['neural', 'other'],
].map((w) => encoder.encode(w));
const options = { temperature: 0.1, learningRate: 0.01, weightLearningRate: 0.01 };

function lossOf(model: StaticModel): number {
  return new StaticTrainer(model, options).gradients(queries, documents).loss;
}

function check(
  analytic: number,
  perturb: (model: StaticModel, delta: number) => void,
  label: string,
) {
  const eps = 1e-3;
  const plus = tinyModel();
  perturb(plus, eps);
  const minus = tinyModel();
  perturb(minus, -eps);
  const numeric = (lossOf(plus) - lossOf(minus)) / (2 * eps);
  assert.ok(
    Math.abs(numeric - analytic) <= 2e-3 + 2e-2 * Math.abs(analytic),
    `${label}: analytic ${analytic} vs finite difference ${numeric}`,
  );
}

test('the backward pass matches finite differences on a tiny model', () => {
  const model = tinyModel();
  const grads = new StaticTrainer(model, options).gradients(queries, documents);
  assert.ok(grads.loss > 0);
  let checked = 0;
  for (let row = 0; row < TOKENS.length; row++) {
    for (let k = 0; k < model.semanticDim; k++) {
      const i = row * model.semanticDim + k;
      check(
        grads.vectors[i]!,
        (m, d) => {
          m.vectors[i]! += d;
        },
        `vector ${TOKENS[row]}[${k}]`,
      );
      checked++;
    }
    check(
      grads.weights[row]!,
      (m, d) => {
        m.weights[row]! += d;
      },
      `weight ${TOKENS[row]}`,
    );
  }
  check(
    grads.oovWeight,
    (m, d) => {
      m.oovWeight += d;
    },
    'oov weight',
  );
  assert.equal(checked, TOKENS.length * model.semanticDim);
  // every token occurs in the batch, so every row was touched
  assert.equal(grads.touchedCount, TOKENS.length);
});

test('a step lowers the loss on its own batch', () => {
  const model = tinyModel();
  const trainer = new StaticTrainer(model, { ...options, learningRate: 0.05 });
  const before = trainer.step(queries, documents);
  for (let i = 0; i < 20; i++) trainer.step(queries, documents);
  assert.ok(lossOf(model) < before, `loss ${lossOf(model)} should be below ${before}`);
});
