/**
 * An Embedder over any OpenAI-compatible `POST /v1/embeddings` endpoint (OpenAI, Hugging Face
 * TEI, Ollama, vLLM, infinity): how large installs embed on a GPU box. Batches inputs, retries
 * 429/5xx and network errors with exponential backoff (honouring Retry-After), times out slow calls.
 */
import type { Embedder, EmbedKind } from '../../core/embeddings/ports.ts';
import { createError } from '../../core/errors.ts';

export interface HttpEmbedderOptions {
  /** Base URL, e.g. `http://gpu-box:8080/v1` (`/embeddings` is appended unless present). */
  url: string;
  /** Model name sent with each request. */
  model: string;
  apiKey?: string | undefined;
  /** Inputs per request (default 64). */
  batchSize?: number;
  /** Per-request timeout, ms (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** Base backoff, ms (default 500; doubles per retry). */
  backoffMs?: number;
  /** Prefixes for models trained with them (e5: `query: ` / `passage: `). */
  queryPrefix?: string;
  documentPrefix?: string;
  fetch?: typeof fetch;
}

export class HttpEmbedder implements Embedder {
  readonly modelId: string;
  private dims = 0;
  private readonly endpoint: string;

  constructor(private readonly options: HttpEmbedderOptions) {
    this.modelId = `openai-compatible:${options.model}`;
    const base = options.url.replace(/\/+$/, '');
    this.endpoint = base.endsWith('/embeddings') ? base : `${base}/embeddings`;
  }

  /** Known after the first response (0 before). */
  get dimensions(): number {
    return this.dims;
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    const prefix =
      (kind === 'query' ? this.options.queryPrefix : this.options.documentPrefix) ?? '';
    const size = this.options.batchSize ?? 64;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += size) {
      const batch = texts.slice(i, i + size).map((t) => prefix + t);
      out.push(...(await this.request(batch)));
    }
    return out;
  }

  async close(): Promise<void> {}

  private async request(input: string[]): Promise<Float32Array[]> {
    const retries = this.options.retries ?? 3;
    let lastError = 'no attempt';
    for (let attempt = 0; attempt <= retries; attempt++) {
      let wait = (this.options.backoffMs ?? 500) * 2 ** attempt;
      try {
        const res = await (this.options.fetch ?? fetch)(this.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: this.options.model, input }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
        if (res.ok) return this.parse(await res.json(), input.length);
        const body = (await res.text()).slice(0, 300);
        lastError = `HTTP ${res.status} from ${this.endpoint}: ${body}`;
        if (res.status !== 429 && res.status < 500) break;
        const retryAfter = Number(res.headers.get('retry-after'));
        if (retryAfter > 0) wait = Math.min(retryAfter * 1000, 60_000);
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'model_unavailable') {
          throw error;
        }
        lastError = `${this.endpoint}: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (attempt < retries) await new Promise((r) => setTimeout(r, wait));
    }
    throw createError('model_unavailable', `embedding request failed (${lastError})`);
  }

  private parse(body: unknown, expected: number): Float32Array[] {
    const data = (body as { data?: { embedding?: unknown; index?: number }[] } | null)?.data;
    if (!Array.isArray(data) || data.length !== expected) {
      throw createError(
        'model_unavailable',
        `${this.endpoint} answered without ${expected} embeddings in "data"`,
      );
    }
    return [...data]
      .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
      .map((d) => {
        if (!Array.isArray(d.embedding) || d.embedding.length === 0) {
          throw createError('model_unavailable', `${this.endpoint} sent an empty embedding`);
        }
        const v = normalise(Float32Array.from(d.embedding as number[]));
        this.dims ||= v.length;
        return v;
      });
  }
}

/** Scales `v` to unit length in place (zero vectors stay zero). */
export function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}
