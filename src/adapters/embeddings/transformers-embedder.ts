/**
 * ONNX sentence encoders (bge-small-en-v1.5, e5-small-v2, all-MiniLM…) through
 * @huggingface/transformers: from a local folder (config.json, tokenizer.json, onnx/model.onnx),
 * or downloaded from the Hugging Face Hub into <data>/models when the machine is online.
 * Offline without a local copy, load() fails with a clear `model_unavailable` error; container.ts
 * then falls back to the bundled model. The package (~430 MB with onnxruntime) is an optional peer
 * dependency, imported on first use: without it load() says how to install it.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Embedder, EmbedKind } from '../../core/embeddings/ports.ts';
import { createError } from '../../core/errors.ts';

export interface TransformersEmbedderOptions {
  /** A local folder, or a Hub model id such as `Xenova/bge-small-en-v1.5`. */
  model: string;
  /** Where downloaded models are cached. */
  cacheDir: string;
  /** Allow downloading from the Hub (default true). */
  allowRemote?: boolean;
  /** `mean` (default; e5, MiniLM) or `cls` (bge). */
  pooling?: 'mean' | 'cls';
  /** Prefixes for models trained with them (e5: `query: `, `passage: `; bge: a query instruction). */
  queryPrefix?: string;
  documentPrefix?: string;
  /** ONNX weights to load: fp32 (default) or q8 (quantised, if the model ships it). */
  dtype?: 'fp32' | 'q8';
}

type TransformersModule = typeof import('@huggingface/transformers');

/** The optional package, or `model_unavailable` saying how to install it. */
export async function importTransformers(
  load: () => Promise<TransformersModule> = () => import('@huggingface/transformers'),
): Promise<TransformersModule> {
  try {
    return await load();
  } catch (cause) {
    if ((cause as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw cause;
    throw createError(
      'model_unavailable',
      'PAPERBOY_EMBEDDER=transformers needs the optional package @huggingface/transformers (about 430 MB with onnxruntime), which is not installed: run `npm install @huggingface/transformers@^4.3.1`, or pick another PAPERBOY_EMBEDDER',
      { cause },
    );
  }
}

type Extractor = (
  texts: string[],
  options: { pooling: 'mean' | 'cls'; normalize: boolean },
) => Promise<{ tolist(): number[][]; dims: number[] }>;

export class TransformersEmbedder implements Embedder {
  private dims = 0;

  private constructor(
    readonly modelId: string,
    private readonly extractor: Extractor & { dispose?: () => Promise<void> },
    private readonly options: TransformersEmbedderOptions,
  ) {}

  /** Loads the model (local folder first, then the Hub). Throws `model_unavailable`. */
  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const { env, pipeline } = await importTransformers();
    const local = resolve(options.model);
    const isLocal = existsSync(resolve(local, 'config.json'));
    env.allowLocalModels = true;
    env.localModelPath = isLocal ? dirname(local) : resolve(options.cacheDir, 'local');
    env.allowRemoteModels = !isLocal && options.allowRemote !== false;
    env.cacheDir = options.cacheDir;
    const id = isLocal ? basename(local) : options.model;
    try {
      const extractor = (await pipeline('feature-extraction', id, {
        dtype: options.dtype ?? 'fp32',
        local_files_only: isLocal || options.allowRemote === false,
      })) as unknown as Extractor;
      return new TransformersEmbedder(`transformers:${id}`, extractor, options);
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      const where = isLocal
        ? `the folder ${local}`
        : `the Hugging Face Hub (${options.model}; offline? put the model in a local folder and set PAPERBOY_EMBEDDING_MODEL to its path)`;
      throw createError('model_unavailable', `could not load ${where}: ${why}`, { cause });
    }
  }

  /** Known after the first embedding (0 before). */
  get dimensions(): number {
    return this.dims;
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const prefix =
      (kind === 'query' ? this.options.queryPrefix : this.options.documentPrefix) ?? '';
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 32) {
      const batch = texts.slice(i, i + 32).map((t) => prefix + t);
      try {
        const tensor = await this.extractor(batch, {
          pooling: this.options.pooling ?? 'mean',
          normalize: true,
        });
        for (const row of tensor.tolist()) out.push(Float32Array.from(row));
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw createError('model_unavailable', `${this.modelId} failed: ${why}`, { cause });
      }
    }
    this.dims ||= out[0]?.length ?? 0;
    return out;
  }

  async close(): Promise<void> {
    await this.extractor.dispose?.();
  }
}
