import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/db.ts';
import { fixedClock } from '../../core/clock.ts';
import type { StaticModel } from '../../core/embeddings/static/model.ts';
import { encodeModel } from '../../core/embeddings/static/model-codec.ts';
import { isAppError } from '../../core/errors.ts';
import { StaticEmbedder } from './static-embedder.ts';
import { FileStaticModelStore } from './static-model-store.ts';

function tinyModel(oovWeight: number): StaticModel {
  return {
    lexicalDim: 8,
    semanticDim: 4,
    lexicalShare: 0.5,
    pairWeight: 0.5,
    tokens: ['graph', 'neural'],
    documentFrequency: Uint32Array.from([3, 2]),
    documentCount: 10,
    vectors: Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0]),
    weights: Float32Array.from([1, 1]),
    oovWeight,
    hashSeed: 1,
  };
}

const entry = { createdAt: '2026-08-22T12:00:00Z', corpusSize: 10, parameters: {}, scores: {} };

function setup() {
  const dir = tempDir();
  const bundled = join(dir.path, 'bundled.pbsm');
  writeFileSync(bundled, encodeModel(tinyModel(1)));
  const store = new FileStaticModelStore(
    join(dir.path, 'models'),
    bundled,
    fixedClock('2026-08-22T12:00:00Z'),
  );
  return { dir, bundled, store };
}

test('a fresh store uses the bundled default; saved versions switch only on use()', async () => {
  const { dir, store } = setup();
  try {
    assert.equal((await store.loadCurrent()).version, 'default');
    const a = await store.save(encodeModel(tinyModel(2)), entry);
    const b = await store.save(encodeModel(tinyModel(3)), entry);
    assert.notEqual(a.version, b.version);
    assert.equal((await store.loadCurrent()).version, 'default');
    await store.use(a.version);
    await store.use(b.version);
    const current = await store.loadCurrent();
    assert.equal(current.version, b.version);
    assert.equal(current.model.oovWeight, 3);
    assert.deepEqual(current.fallbacks, []);
    const listed = await store.list();
    assert.equal(listed.current, b.version);
    assert.deepEqual(
      listed.entries.map((e) => e.version),
      [a.version, b.version],
    );
    const embedder = new StaticEmbedder(current);
    assert.equal(embedder.dimensions, 12);
    assert.match(embedder.modelId, /^paperboy-static@[0-9a-f]{12}$/);
    const [v] = await embedder.embed(['Graph neural networks'], 'query');
    assert.ok(v && Math.abs(v.reduce((s, x) => s + x * x, 0) - 1) < 1e-5);
  } finally {
    dir.remove();
  }
});

test('a truncated or corrupted current model falls back to the previous one, then the default', async () => {
  const { dir, store } = setup();
  try {
    const a = await store.save(encodeModel(tinyModel(2)), entry);
    const b = await store.save(encodeModel(tinyModel(3)), entry);
    await store.use(a.version);
    await store.use(b.version);
    const pathB = join(dir.path, 'models', `static-${b.version}.pbsm`);
    const bytes = readFileSync(pathB);
    writeFileSync(pathB, bytes.subarray(0, bytes.length - 100)); // truncated download / disk full
    const fellBack = await store.loadCurrent();
    assert.equal(fellBack.version, a.version);
    assert.match(fellBack.fallbacks[0] ?? '', new RegExp(`${b.version}: .*bad model file`));

    const pathA = join(dir.path, 'models', `static-${a.version}.pbsm`);
    const corrupt = readFileSync(pathA);
    corrupt[40] = (corrupt[40] ?? 0) ^ 0xff;
    writeFileSync(pathA, corrupt);
    const fallback = await store.loadCurrent();
    assert.equal(fallback.version, 'default');
    assert.equal(fallback.fallbacks.length, 2);

    await assert.rejects(store.use(b.version), (e) => isAppError(e, 'model_unavailable'));
    await assert.rejects(store.use('nope'), /not found/);
    await assert.rejects(store.load('../etc/passwd'), (e) => isAppError(e, 'invalid_input'));
  } finally {
    dir.remove();
  }
});

test('with no usable model at all, loading fails with every reason', async () => {
  const { dir, bundled, store } = setup();
  try {
    writeFileSync(bundled, 'garbage');
    await assert.rejects(store.loadCurrent(), (e) => {
      assert.ok(isAppError(e, 'model_unavailable'));
      assert.match(e.message, /default: .*bad model file/);
      return true;
    });
  } finally {
    dir.remove();
  }
});

test('a model id is the SHA-256 of the file: same bytes one id, one changed weight a new id', async () => {
  const { dir, store, bundled } = setup();
  try {
    const bytes = readFileSync(bundled);
    const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    const bundledId = (await store.load('default')).modelId;
    assert.equal(bundledId, `paperboy-static@${sha}`);
    const copy = await store.save(new Uint8Array(bytes), entry);
    assert.equal((await store.load(copy.version)).modelId, bundledId, 'same weights, same id');
    const other = await store.save(encodeModel({ ...tinyModel(1), oovWeight: 1.0001 }), entry);
    const otherId = (await store.load(other.version)).modelId;
    assert.notEqual(otherId, bundledId, 'one changed weight, another id');
    // The old id was a CRC over a file ending in its own CRC: the same for every file.
    assert.doesNotMatch(otherId, /2144df1c/);
  } finally {
    dir.remove();
  }
});
