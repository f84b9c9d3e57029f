/**
 * Precomputed vectors of the demo corpus for the default embedder, so the first start needs no
 * embedding. File format (gzip): one JSON header line {modelId, dimensions, ids, hashes}, then per
 * paper a float32 scale and `dimensions` int8 values (vector ≈ int8 · scale; cosine error ~1e-3),
 * which keeps the file about a quarter of float32's size.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PaperVector } from '../../core/search/ports.ts';

export interface DemoVectorFile {
  modelId: string;
  dimensions: number;
  vectors: PaperVector[];
}

/** Encodes vectors (all of one model and length) as the gzip file's bytes. */
export function encodeDemoVectors(file: DemoVectorFile): Buffer {
  const header = {
    modelId: file.modelId,
    dimensions: file.dimensions,
    ids: file.vectors.map((v) => v.paperId),
    hashes: file.vectors.map((v) => v.textHash),
  };
  const rowBytes = 4 + file.dimensions;
  const body = Buffer.alloc(file.vectors.length * rowBytes);
  file.vectors.forEach((item, row) => {
    let max = 0;
    for (const x of item.vector) max = Math.max(max, Math.abs(x));
    const scale = max / 127 || 1;
    body.writeFloatLE(scale, row * rowBytes);
    item.vector.forEach((x, i) => {
      body.writeInt8(Math.round(x / scale), row * rowBytes + 4 + i);
    });
  });
  return gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]), { level: 9 });
}

/** Reads the file at `path`, or null when there is none. Vectors are re-normalised. */
export function readDemoVectors(path: string): DemoVectorFile | null {
  if (!existsSync(path)) return null;
  const raw = gunzipSync(readFileSync(path));
  const newline = raw.indexOf(10);
  const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as {
    modelId: string;
    dimensions: number;
    ids: string[];
    hashes: string[];
  };
  const body = raw.subarray(newline + 1);
  const rowBytes = 4 + header.dimensions;
  const vectors = header.ids.map((paperId, row) => {
    const scale = body.readFloatLE(row * rowBytes);
    const v = new Float32Array(header.dimensions);
    let norm = 0;
    for (let i = 0; i < header.dimensions; i++) {
      v[i] = body.readInt8(row * rowBytes + 4 + i) * scale;
      norm += (v[i] as number) ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
    return { paperId, vector: v, textHash: header.hashes[row] ?? '' };
  });
  return { modelId: header.modelId, dimensions: header.dimensions, vectors };
}
