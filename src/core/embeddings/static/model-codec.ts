/**
 * The static model's file format, version 1 (little-endian):
 *
 *   "PBSM" · u32 format version · u32 header length · header (UTF-8 JSON: dimensions, token
 *   count, scalars, info) · u32 token-blob length · tokens joined by "\n" (UTF-8) ·
 *   u32 × tokens (document frequencies) · f32 × tokens (pooling weights) · f32 × tokens (row
 *   scales) · i8 × tokens × semanticDim (vectors, row = scale × int8) · u32 CRC-32 of all before.
 *
 * Vectors are stored as int8 with one scale per row (a quarter of float32, no measurable loss).
 * Decoding checks magic, version, every length and the checksum, so a truncated or corrupted file
 * is refused with a message that says what is wrong, never half-loaded.
 */
import { createError } from '../../errors.ts';
import type { StaticModel } from './model.ts';

const MAGIC = 0x4d534250; // "PBSM" read as little-endian u32
export const MODEL_FORMAT_VERSION = 1;

/** Free-form facts stored inside the file (training options, corpus size, scores). */
export type ModelInfo = Record<string, unknown>;

interface Header {
  lexicalDim: number;
  semanticDim: number;
  lexicalShare: number;
  pairWeight: number;
  documentCount: number;
  tokenCount: number;
  hashSeed: number;
  oovWeight: number;
  info: ModelInfo;
}

/** Serialises `model` (vectors quantised to int8 per row). Same model → same bytes. */
export function encodeModel(model: StaticModel, info: ModelInfo = {}): Uint8Array {
  const { semanticDim: dim, tokens } = model;
  const V = tokens.length;
  const header = new TextEncoder().encode(
    JSON.stringify({
      lexicalDim: model.lexicalDim,
      semanticDim: dim,
      lexicalShare: model.lexicalShare,
      pairWeight: model.pairWeight,
      documentCount: model.documentCount,
      tokenCount: V,
      hashSeed: model.hashSeed,
      oovWeight: model.oovWeight,
      info,
    } satisfies Header),
  );
  const blob = new TextEncoder().encode(tokens.join('\n'));
  const size = 12 + header.length + 4 + blob.length + 12 * V + V * dim + 4;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  view.setUint32(at, MAGIC, true);
  view.setUint32(at + 4, MODEL_FORMAT_VERSION, true);
  view.setUint32(at + 8, header.length, true);
  at += 12;
  bytes.set(header, at);
  at += header.length;
  view.setUint32(at, blob.length, true);
  at += 4;
  bytes.set(blob, at);
  at += blob.length;
  for (let i = 0; i < V; i++, at += 4) view.setUint32(at, model.documentFrequency[i]!, true);
  for (let i = 0; i < V; i++, at += 4) view.setFloat32(at, model.weights[i]!, true);
  const scales = new Float32Array(V);
  for (let i = 0; i < V; i++) {
    let max = 0;
    for (let k = 0; k < dim; k++) max = Math.max(max, Math.abs(model.vectors[i * dim + k]!));
    scales[i] = max / 127;
    view.setFloat32(at, scales[i]!, true);
    at += 4;
  }
  for (let i = 0; i < V; i++) {
    const s = scales[i]!;
    for (let k = 0; k < dim; k++, at++) {
      const q = s === 0 ? 0 : Math.round(model.vectors[i * dim + k]! / s);
      view.setInt8(at, Math.max(-127, Math.min(127, q)));
    }
  }
  view.setUint32(at, crc32(bytes, 0, at), true);
  return bytes;
}

/** Parses a model file. Throws `model_unavailable` naming the problem for anything malformed. */
export function decodeModel(bytes: Uint8Array): { model: StaticModel; info: ModelInfo } {
  const fail = (why: string) => createError('model_unavailable', `bad model file: ${why}`);
  if (bytes.length < 16) throw fail(`only ${bytes.length} bytes (truncated?)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw fail('not a paperboy static model (wrong magic)');
  const version = view.getUint32(4, true);
  if (version !== MODEL_FORMAT_VERSION) {
    throw fail(`format version ${version}; this paperboy reads version ${MODEL_FORMAT_VERSION}`);
  }
  const stored = view.getUint32(bytes.length - 4, true);
  const actual = crc32(bytes, 0, bytes.length - 4);
  if (stored !== actual) throw fail('checksum mismatch (truncated or corrupted)');
  let at = 12;
  const headerLength = view.getUint32(8, true);
  if (at + headerLength + 4 > bytes.length) throw fail('header runs past the end');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(at, at + headerLength))) as Header;
  } catch {
    throw fail('header is not JSON');
  }
  const { semanticDim: dim, tokenCount: V } = header;
  const valid = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min;
  if (!valid(dim, 1) || !valid(header.lexicalDim, 0) || !valid(V, 0)) {
    throw fail('header has no valid dimensions or token count');
  }
  at += headerLength;
  const blobLength = view.getUint32(at, true);
  at += 4;
  if (at + blobLength + 12 * V + V * dim + 4 !== bytes.length) {
    throw fail('section lengths do not add up to the file size');
  }
  const tokens =
    V === 0 ? [] : new TextDecoder().decode(bytes.subarray(at, at + blobLength)).split('\n');
  if (tokens.length !== V) throw fail(`expected ${V} tokens, found ${tokens.length}`);
  at += blobLength;
  const documentFrequency = new Uint32Array(V);
  for (let i = 0; i < V; i++, at += 4) documentFrequency[i] = view.getUint32(at, true);
  const weights = new Float32Array(V);
  for (let i = 0; i < V; i++, at += 4) weights[i] = view.getFloat32(at, true);
  const scales = new Float32Array(V);
  for (let i = 0; i < V; i++, at += 4) scales[i] = view.getFloat32(at, true);
  const vectors = new Float32Array(V * dim);
  const int8 = new Int8Array(bytes.buffer, bytes.byteOffset + at, V * dim);
  for (let i = 0; i < V; i++) {
    const s = scales[i]!;
    for (let k = 0; k < dim; k++) vectors[i * dim + k] = int8[i * dim + k]! * s;
  }
  return {
    model: {
      lexicalDim: header.lexicalDim,
      semanticDim: dim,
      lexicalShare: header.lexicalShare,
      pairWeight: header.pairWeight,
      tokens,
      documentFrequency,
      documentCount: header.documentCount,
      vectors,
      weights,
      oovWeight: header.oovWeight,
      hashSeed: header.hashSeed,
    },
    info: header.info ?? {},
  };
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE) of bytes[from, to). */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = from; i < to; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
