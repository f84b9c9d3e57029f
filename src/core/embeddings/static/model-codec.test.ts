import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../errors.ts';
import type { StaticModel } from './model.ts';
import { decodeModel, encodeModel } from './model-codec.ts';

function model(): StaticModel {
  const semanticDim = 5;
  const tokens = ['graph', 'neural', 'réseau', 'graph neural'];
  return {
    lexicalDim: 16,
    semanticDim,
    lexicalShare: 0.5,
    pairWeight: 0.5,
    tokens,
    documentFrequency: Uint32Array.from([9, 4, 1, 2]),
    documentCount: 20,
    vectors: Float32Array.from({ length: tokens.length * semanticDim }, (_, i) => Math.cos(i)),
    weights: Float32Array.from([1.5, 2, 3.25, 0.5]),
    oovWeight: 4.5,
    hashSeed: 11,
  };
}

test('a model survives encode → decode (vectors within int8 precision)', () => {
  const original = model();
  const { model: back, info } = decodeModel(encodeModel(original, { corpusSize: 20 }));
  assert.deepEqual(info, { corpusSize: 20 });
  assert.deepEqual(back.tokens, original.tokens);
  assert.deepEqual([...back.documentFrequency], [...original.documentFrequency]);
  assert.deepEqual([...back.weights], [...original.weights]);
  assert.equal(back.oovWeight, 4.5);
  assert.equal(back.hashSeed, 11);
  assert.equal(back.lexicalDim, 16);
  assert.equal(back.documentCount, 20);
  original.vectors.forEach((v, i) => {
    assert.ok(Math.abs(v - back.vectors[i]!) <= 1 / 127 + 1e-6, `vector[${i}]`);
  });
});

test('encoding is deterministic', () => {
  assert.deepEqual(encodeModel(model(), { a: 1 }), encodeModel(model(), { a: 1 }));
});

function refusal(bytes: Uint8Array): string {
  try {
    decodeModel(bytes);
  } catch (error) {
    assert.ok(isAppError(error, 'model_unavailable'), String(error));
    return error.message;
  }
  assert.fail('decodeModel accepted a bad file');
}

test('truncated, corrupted and foreign files are refused with a reason', () => {
  const bytes = encodeModel(model());
  assert.match(refusal(bytes.subarray(0, bytes.length - 7)), /checksum|truncated/);
  assert.match(refusal(bytes.subarray(0, 10)), /truncated/);
  const flipped = bytes.slice();
  flipped[Math.floor(bytes.length / 2)]! ^= 0x40;
  assert.match(refusal(flipped), /checksum mismatch/);
  assert.match(refusal(new TextEncoder().encode('{"not":"a model file at all"}')), /wrong magic/);
  assert.match(refusal(new Uint8Array(0)), /0 bytes/);
});
