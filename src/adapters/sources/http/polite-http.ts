/**
 * HTTP GET for source adapters, polite by construction: one request at a time per instance, at
 * least `minIntervalMs` between the end of one request and the start of the next (arXiv's terms:
 * one request every 3 s, one connection at a time), HTTP 503/429 + Retry-After honoured (RFC 9110
 * §10.2.3: delay-seconds or an HTTP-date), a time-out and a body-size cap. Share one instance per
 * remote host so every adapter talking to it queues behind the same gate.
 */
import { createError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export interface PoliteHttpOptions {
  /** Name used in errors and logs, e.g. `arxiv`. */
  source: string;
  fetch: FetchFn;
  /** Minimum gap between requests, ms. */
  minIntervalMs: number;
  /** Give up on one request after this long, ms (default 60 s). */
  timeoutMs?: number;
  /** Refuse bodies larger than this, bytes (default 64 MiB). */
  maxBodyBytes?: number;
  /** A Retry-After up to this long is waited out in place (default 120 s); longer ones fail the run. */
  maxInlineWaitS?: number;
  /** Retries after 503/429 before giving up (default 3). */
  maxRetries?: number;
  userAgent?: string;
  log: Logger;
  /** Injected for tests; defaults to real timers. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface HttpResponse {
  url: string;
  status: number;
  body: string;
}

const DEFAULT_UA = 'paperboy/0.1 (+https://github.com/paperboy; self-hosted paper discovery)';

export class PoliteHttp {
  private queue: Promise<unknown> = Promise.resolve();
  private lastEnd = Number.NEGATIVE_INFINITY;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: PoliteHttpOptions) {
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }

  /**
   * GETs `url`, queued behind earlier requests on this instance. Resolves with any status below
   * 500 except 429 (callers decide what a 400 or 404 means); throws `source_unavailable` for
   * network errors, time-outs and server errors (with `details.retryAfterSeconds` when the server
   * asked for a pause longer than we wait in place).
   */
  get(url: string, signal?: AbortSignal): Promise<HttpResponse> {
    const run = this.queue.then(() => this.getWithRetries(url, signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async getWithRetries(url: string, signal?: AbortSignal): Promise<HttpResponse> {
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      await this.sleep(Math.max(0, this.lastEnd + this.options.minIntervalMs - this.now()), signal);
      let response: HttpResponse & { retryAfterS: number | null };
      try {
        response = await this.once(url, signal);
      } finally {
        this.lastEnd = this.now();
      }
      if (response.status !== 503 && response.status !== 429 && response.status < 500) {
        return response;
      }
      const wait = response.retryAfterS;
      const inline = this.options.maxInlineWaitS ?? 120;
      if (wait !== null && wait <= inline && attempt < maxRetries) {
        this.options.log.info('source asked to retry later', {
          source: this.options.source,
          status: response.status,
          retry_in_s: wait,
          attempt: attempt + 1,
        });
        await this.sleep(wait * 1000, signal);
        continue;
      }
      throw createError('source_unavailable', this.options.source, `HTTP ${response.status}`, {
        details: { status: response.status, url, retryAfterSeconds: wait ?? undefined },
      });
    }
  }

  private async once(url: string, signal?: AbortSignal) {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const source = this.options.source;
    let res: Response;
    try {
      res = await this.options.fetch(url, {
        signal: combined,
        headers: { 'user-agent': this.options.userAgent ?? DEFAULT_UA, accept: '*/*' },
      });
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      throw createError('source_unavailable', source, `GET ${url} failed: ${why}`, { cause });
    }
    const body = await readBody(res, this.options.maxBodyBytes ?? 64 * 1024 * 1024, source, url);
    return {
      url,
      status: res.status,
      body,
      retryAfterS: parseRetryAfter(res.headers.get('retry-after'), this.now()),
    };
  }
}

async function readBody(res: Response, max: number, source: string, url: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > max) {
    await res.body?.cancel();
    throw createError('source_malformed', source, `${url} is ${declared} bytes, over ${max}`);
  }
  try {
    const buffer = Buffer.from(await res.arrayBuffer());
    if (buffer.length > max) {
      throw createError('source_malformed', source, `${url} is over ${max} bytes`);
    }
    return buffer.toString('utf8');
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'AppError') throw cause;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError('source_unavailable', source, `reading ${url} failed: ${why}`, { cause });
  }
}

/** Retry-After as seconds from now: delay-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
