/**
 * Configuration: one table of settings (env var, CLI flag, default, doc, secret), validated with
 * zod. `loadConfig` is pure — it takes env and flags as values — and reports every problem at once.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on');

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/New_York or UTC');

interface Setting {
  /** Environment variable. */
  env: string;
  /** Long CLI flag (without --), when there is one. */
  flag?: string;
  /** What it means, units, default and range — shown by `paperboy config` and the README. */
  doc: string;
  schema: z.ZodType;
  /** Redacted by `paperboy config`; may be given as `<ENV>_FILE` pointing at a file. */
  secret?: boolean;
  /** How `paperboy config` shows a secret's value (default: hidden entirely). */
  redact?: (value: string) => string;
}

/** Every setting paperboy reads. Add new ones here, with a doc line and a default. */
export const settings = {
  port: {
    env: 'PORT',
    flag: 'port',
    doc: 'HTTP port to listen on (1–65535; 0 picks a free port). Default 8080.',
    schema: z.coerce.number().int().min(0).max(65535).default(8080),
  },
  host: {
    env: 'HOST',
    flag: 'host',
    doc: 'Interface to listen on. Default 127.0.0.1; use 0.0.0.0 to accept remote connections.',
    schema: z.string().min(1).default('127.0.0.1'),
  },
  dataDir: {
    env: 'PAPERBOY_DATA_DIR',
    flag: 'data-dir',
    doc: 'Directory for the store (paperboy.db), indexes and models. Default ./data.',
    schema: z.string().min(1).default('./data'),
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    doc: 'PostgreSQL (15+, with pgvector) to use instead of the SQLite file in the data dir, e.g. postgres://paperboy:secret@db.example.org:5432/paperboy (or DATABASE_URL_FILE pointing at a file holding it). Unset: SQLite.',
    schema: z
      .string()
      .refine(
        (v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v),
        'must be a postgres:// or postgresql:// URL',
      )
      .optional(),
    secret: true,
    redact: (v) => v.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@/]*@/, '$1***@'),
  },
  databasePoolSize: {
    env: 'PAPERBOY_DB_POOL_SIZE',
    doc: "Most PostgreSQL connections one process opens (1–100). Default 10. Size it so processes × pool stays under the server's max_connections.",
    schema: z.coerce.number().int().min(1).max(100).default(10),
  },
  demo: {
    env: 'PAPERBOY_DEMO',
    flag: 'demo',
    doc: 'Load the bundled demo corpus on first start when the store is empty (true/false). Default true; --no-demo turns it off.',
    schema: bool.default(true),
  },
  worker: {
    env: 'PAPERBOY_WORKER',
    flag: 'worker',
    doc: '`serve` also runs the background worker in-process (true/false). Default true; --no-worker when a separate `paperboy worker` runs.',
    schema: bool.default(true),
  },
  baseUrl: {
    env: 'PAPERBOY_BASE_URL',
    flag: 'base-url',
    doc: 'Public URL of this instance, used in feeds and emails. Default http://localhost:<port>.',
    schema: z.url({ protocol: /^https?$/ }).optional(),
  },
  feedTimeZone: {
    env: 'PAPERBOY_FEED_TIME_ZONE',
    doc: 'IANA time zone that decides which day a paper is featured on. Default America/New_York (as Hugging Face).',
    schema: timeZone.default('America/New_York'),
  },
  smtpHost: {
    env: 'SMTP_HOST',
    flag: 'smtp-host',
    doc: 'SMTP server for outgoing mail. Unset: mails are written to <data dir>/outbox as .eml files and logged.',
    schema: z.string().min(1).optional(),
  },
  smtpPort: {
    env: 'SMTP_PORT',
    doc: 'SMTP port. Default 587 (STARTTLS); 465 for implicit TLS; 25 for a local relay.',
    schema: z.coerce.number().int().min(1).max(65535).default(587),
  },
  smtpSecure: {
    env: 'SMTP_SECURE',
    doc: 'Use implicit TLS from the first byte (true for port 465). Default false (STARTTLS when offered).',
    schema: bool.default(false),
  },
  smtpUser: {
    env: 'SMTP_USER',
    doc: 'SMTP user name, if the server needs authentication.',
    schema: z.string().min(1).optional(),
  },
  smtpPassword: {
    env: 'SMTP_PASSWORD',
    doc: 'SMTP password (or SMTP_PASSWORD_FILE pointing at a file holding it).',
    schema: z.string().min(1).optional(),
    secret: true,
  },
  mailFrom: {
    env: 'MAIL_FROM',
    doc: 'Sender of every mail, e.g. "paperboy <papers@example.org>". Default paperboy <paperboy@localhost>.',
    schema: z
      .string()
      .refine((v) => !/[\r\n]/.test(v), 'must be one line')
      .default('paperboy <paperboy@localhost>'),
  },
  arxivApiUrl: {
    env: 'ARXIV_API_URL',
    doc: 'arXiv API endpoint (Atom) for `paperboy add`, submissions and searches. Default https://export.arxiv.org/api/query; point it at a mirror or a local replay server in tests.',
    schema: z.url({ protocol: /^https?$/ }).default('https://export.arxiv.org/api/query'),
  },
  arxivOaiUrl: {
    env: 'ARXIV_OAI_URL',
    doc: 'arXiv OAI-PMH endpoint for bulk and incremental harvests. Default https://oaipmh.arxiv.org/oai.',
    schema: z.url({ protocol: /^https?$/ }).default('https://oaipmh.arxiv.org/oai'),
  },
  arxivIntervalMs: {
    env: 'ARXIV_REQUEST_INTERVAL_MS',
    doc: "Minimum gap between two requests to arXiv (API and OAI-PMH share one queue, one request at a time), ms. Default 3000, arXiv's terms of use; lower it only for your own mirror.",
    schema: z.coerce.number().int().min(0).max(600_000).default(3000),
  },
  hfApiUrl: {
    env: 'HF_API_URL',
    doc: 'Hugging Face API base for Daily Papers (`<base>/daily_papers?date=YYYY-MM-DD`). Default https://huggingface.co/api.',
    schema: z.url({ protocol: /^https?$/ }).default('https://huggingface.co/api'),
  },
  hfIntervalMs: {
    env: 'HF_REQUEST_INTERVAL_MS',
    doc: 'Minimum gap between two requests to Hugging Face, ms. Default 1000.',
    schema: z.coerce.number().int().min(0).max(600_000).default(1000),
  },
  sources: {
    env: 'PAPERBOY_SOURCES',
    doc: 'Sources the worker harvests on a schedule, comma-separated: `arxiv:<set>` (OAI-PMH set such as cs or physics:hep-th; `arxiv` alone = all of arXiv), `hf` (Hugging Face Daily Papers) and `snapshot:<file>` (a Kaggle arXiv snapshot on disk, loaded once in the background, resumably; again when the file changes). Default empty: no harvesting, nothing leaves the box.',
    schema: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      )
      .pipe(
        z.array(
          z.string().regex(/^(arxiv(:[a-z-]+(:[a-zA-Z.-]+)?)?|hf|snapshot:.+)$/, {
            message:
              'each entry must be arxiv, arxiv:<set> (e.g. arxiv:cs, arxiv:physics:hep-th), hf or snapshot:<file>',
          }),
        ),
      ),
  },
  sourceIntervalMinutes: {
    env: 'PAPERBOY_SOURCE_INTERVAL_MINUTES',
    doc: 'Minutes between two scheduled harvests of one source (failures back off on their own). Default 180; arXiv announces new papers once per weekday.',
    schema: z.coerce.number().int().min(1).max(10_080).default(180),
  },
  embedder: {
    env: 'PAPERBOY_EMBEDDER',
    flag: 'embedder',
    doc: 'Embedding model for semantic search: use-lite (bundled Universal Sentence Encoder lite, offline), static (paperboy\'s own static model, bundled and retrained on your papers; `paperboy model`), openai-compatible (PAPERBOY_EMBEDDING_URL), transformers (ONNX model, PAPERBOY_EMBEDDING_MODEL; needs the optional package: npm install @huggingface/transformers@^4.3.1), or none (keyword search only). Default static: it ties use-lite in hybrid search and backfills papers hundreds of times faster (the rule and the table: docs/DESIGN.md, "The default embedder").',
    schema: z
      .enum(['use-lite', 'static', 'openai-compatible', 'transformers', 'none'])
      .default('static'),
  },
  embedderThreads: {
    env: 'PAPERBOY_EMBEDDER_THREADS',
    doc: 'Worker threads for local embedding models (1–16). Default 2.',
    schema: z.coerce.number().int().min(1).max(16).default(2),
  },
  embeddingUrl: {
    env: 'PAPERBOY_EMBEDDING_URL',
    doc: 'Base URL of an OpenAI-compatible embeddings API for PAPERBOY_EMBEDDER=openai-compatible, e.g. http://gpu-box:8080/v1 (TEI, Ollama, vLLM, infinity, OpenAI).',
    schema: z.url({ protocol: /^https?$/ }).optional(),
  },
  embeddingModel: {
    env: 'PAPERBOY_EMBEDDING_MODEL',
    doc: 'Model for openai-compatible (its name) or transformers (a local folder or a Hub id). Default for transformers: Xenova/bge-small-en-v1.5.',
    schema: z.string().min(1).optional(),
  },
  embeddingApiKey: {
    env: 'PAPERBOY_EMBEDDING_API_KEY',
    doc: 'Bearer token for the embeddings API, if it needs one (or PAPERBOY_EMBEDDING_API_KEY_FILE).',
    schema: z.string().min(1).optional(),
    secret: true,
  },
  hybridWeight: {
    env: 'PAPERBOY_HYBRID_WEIGHT',
    doc: 'Weight of the semantic side in hybrid ranking, 0 (keywords only) to 1 (meaning only). Default: the weight measured for the embedder by `npm run eval` (docs/benchmarks/relevance.md).',
    schema: z.coerce.number().min(0).max(1).optional(),
  },
  meaningThreshold: {
    env: 'PAPERBOY_MEANING_THRESHOLD',
    doc: 'Cosine similarity, -1 to 1, at or above which a paper that does not match the words of a search is listed as "close in meaning" (and counts for meaning-only alerts). Default: the threshold calibrated for the embedder (docs/DESIGN.md).',
    schema: z.coerce.number().min(-1).max(1).optional(),
  },
  vectorQuantization: {
    env: 'PAPERBOY_VECTOR_QUANTIZATION',
    doc: 'Storage of vectors in the HNSW index: f32, f16 or i8. Default f16 (half the memory of f32, same results to about 3 decimals).',
    schema: z.enum(['f32', 'f16', 'i8']).default('f16'),
  },
  vectorBuildMemoryMb: {
    env: 'PAPERBOY_VECTOR_BUILD_MEMORY_MB',
    doc: "PostgreSQL only: maintenance_work_mem in MB for building a model's HNSW index, about 1 KB per 384-d vector; when the graph does not fit the build takes about 3× longer. Default 1024; 0 keeps the server's setting.",
    schema: z.coerce.number().int().min(0).max(1_048_576).default(1024),
  },
  secret: {
    env: 'PAPERBOY_SECRET',
    doc: 'Key that signs CSRF tokens and the confirm/manage/unsubscribe links in mails (at least 32 characters; or PAPERBOY_SECRET_FILE). Unset: one is generated on first start and kept in the store. Changing it invalidates links already mailed.',
    schema: z.string().min(32).optional(),
    secret: true,
  },
  magicLinkMinutes: {
    env: 'PAPERBOY_MAGIC_LINK_MINUTES',
    doc: 'Minutes an emailed sign-in link stays valid (1–60). Default 15.',
    schema: z.coerce.number().int().min(1).max(60).default(15),
  },
  sessionDays: {
    env: 'PAPERBOY_SESSION_DAYS',
    doc: 'Days a sign-in lasts before the browser must sign in again (1–365). Default 30.',
    schema: z.coerce.number().int().min(1).max(365).default(30),
  },
  submitMaxAgeDays: {
    env: 'PAPERBOY_SUBMIT_MAX_AGE_DAYS',
    doc: 'Oldest paper (days since its first arXiv version) readers may submit to the daily feed. Default 14 (as Hugging Face); moderators are exempt.',
    schema: z.coerce.number().int().min(0).max(36500).default(14),
  },
  submitDailyQuota: {
    env: 'PAPERBOY_SUBMIT_DAILY_QUOTA',
    doc: 'Submissions per reader per feed day. Default 3; moderators are exempt.',
    schema: z.coerce.number().int().min(0).max(1000).default(3),
  },
  trendingGravity: {
    env: 'PAPERBOY_TRENDING_GRAVITY',
    doc: 'Exponent of the age penalty in the trending score (docs/DESIGN.md). Higher favours newer papers. Default 1.8 (as Hacker News).',
    schema: z.coerce.number().min(0.1).max(5).default(1.8),
  },
  trendingWindowDays: {
    env: 'PAPERBOY_TRENDING_WINDOW_DAYS',
    doc: 'Papers whose trending clock started longer ago than this are not trending (1–365). Default 14.',
    schema: z.coerce.number().int().min(1).max(365).default(14),
  },
  trendingMinPapers: {
    env: 'PAPERBOY_TRENDING_MIN_PAPERS',
    doc: 'Fewest papers /trending lists: when the window featured fewer, it reaches back by featured days until it holds this many (0 = never). Default 50.',
    schema: z.coerce.number().int().min(0).max(10_000).default(50),
  },
  unsubscribeMailbox: {
    env: 'MAIL_UNSUBSCRIBE_TO',
    doc: 'Address for mailto unsubscribe requests in the List-Unsubscribe header (process them with `paperboy digest unsubscribe <address>`). Default: the MAIL_FROM address.',
    schema: z.email().optional(),
  },
  digestSendHour: {
    env: 'DIGEST_SEND_HOUR',
    doc: "Hour (0–23) in each subscriber's time zone at which daily (weekdays) and weekly (Mondays) digests go out. Default 7.",
    schema: z.coerce.number().int().min(0).max(23).default(7),
  },
  digestTrendingSize: {
    env: 'DIGEST_TRENDING_SIZE',
    doc: 'Papers in a trending digest (1–50). Default 10.',
    schema: z.coerce.number().int().min(1).max(50).default(10),
  },
  digestAlertSize: {
    env: 'DIGEST_ALERT_SIZE',
    doc: 'Most papers in one saved-search or author alert (1–100). Default 20.',
    schema: z.coerce.number().int().min(1).max(100).default(20),
  },
  digestMinScore: {
    env: 'DIGEST_MIN_SCORE',
    doc: 'Relevance (0–1) a new paper needs to be included in a saved-search alert. Default 0.5.',
    schema: z.coerce.number().min(0).max(1).default(0.5),
  },
  digestMaxBounces: {
    env: 'DIGEST_MAX_BOUNCES',
    doc: 'Permanent delivery failures (SMTP 5xx) in a row after which an address gets no more mail until it confirms again (1–100). Default 3.',
    schema: z.coerce.number().int().min(1).max(100).default(3),
  },
  modelRetrainDays: {
    env: 'PAPERBOY_MODEL_RETRAIN_DAYS',
    doc: "Days between retraining the static embedding model on this instance's own papers in the worker (it switches only when held-out MRR@10 improves; only while PAPERBOY_EMBEDDER=static). Default 7; 0 turns it off.",
    schema: z.coerce.number().min(0).max(365).default(7),
  },
  modelRetrainMinPapers: {
    env: 'PAPERBOY_MODEL_RETRAIN_MIN_PAPERS',
    doc: 'Fewest stored papers worth retraining the static model on. Default 5000 (the bundled model saw ~60k).',
    schema: z.coerce.number().int().min(2).default(5000),
  },
  trustProxy: {
    env: 'PAPERBOY_TRUST_PROXY',
    doc: 'Behind a reverse proxy, take the client IP (for rate limits) from the last X-Forwarded-For entry instead of the socket (true/false). Default false; set it only when a proxy you run always sets that header.',
    schema: bool.default(false),
  },
  mailPerIpHour: {
    env: 'PAPERBOY_MAIL_PER_IP_HOUR',
    doc: 'Requests that send mail (sign-in links, subscription confirmations, manage links) one client IP may make per hour; then 429 with Retry-After. Counted in the store, so several web processes share it. Default 10; 0 = no limit.',
    schema: z.coerce.number().int().min(0).max(1_000_000).default(10),
  },
  mailPerAddressHour: {
    env: 'PAPERBOY_MAIL_PER_ADDRESS_HOUR',
    doc: 'Requests that send mail to one mailbox per hour, counted on the canonical mailbox (lower case, +tag removed). Default 3; 0 = no limit.',
    schema: z.coerce.number().int().min(0).max(1_000_000).default(3),
  },
  mailGlobalHour: {
    env: 'PAPERBOY_MAIL_GLOBAL_HOUR',
    doc: 'Requests that send mail, for the whole instance, per hour (a ceiling on what a flood from many IPs can send). Default 300; 0 = no limit.',
    schema: z.coerce.number().int().min(0).max(10_000_000).default(300),
  },
  apiPerIpMinute: {
    env: 'PAPERBOY_API_PER_IP_MINUTE',
    doc: 'Requests to /api/* and feeds one client IP may make per minute, per web process; answers carry RateLimit-* headers. Default 600; 0 = no limit.',
    schema: z.coerce.number().int().min(0).max(10_000_000).default(600),
  },
  passwordTriesPerAccount: {
    env: 'PAPERBOY_PASSWORD_TRIES_PER_ACCOUNT',
    doc: 'Password sign-in attempts per account per 15 minutes (a success clears them); then the form offers a sign-in link. Default 10; 0 = no limit.',
    schema: z.coerce.number().int().min(0).max(1_000_000).default(10),
  },
  passwordTriesPerIp: {
    env: 'PAPERBOY_PASSWORD_TRIES_PER_IP',
    doc: 'Password sign-in attempts per client IP per 15 minutes, over all accounts. Default 30; 0 = no limit.',
    schema: z.coerce.number().int().min(0).max(1_000_000).default(30),
  },
  metricsToken: {
    env: 'PAPERBOY_METRICS_TOKEN',
    doc: 'When set, GET /metrics (Prometheus text) wants `Authorization: Bearer <token>` (or PAPERBOY_METRICS_TOKEN_FILE). Unset: /metrics is open, like /healthz.',
    schema: z.string().min(16).optional(),
    secret: true,
  },
  formBodyKb: {
    env: 'PAPERBOY_FORM_BODY_KB',
    doc: 'Largest request body of a form post (votes, comments, sign-in, subscriptions), KiB; larger ones get 413 before any byte is parsed. Default 64.',
    schema: z.coerce.number().int().min(1).max(102_400).default(64),
  },
  textBodyKb: {
    env: 'PAPERBOY_TEXT_BODY_KB',
    doc: 'Largest request body where a text is pasted (papers similar to a text: POST /search/similar, /api/papers/similar), KiB. Default 256.',
    schema: z.coerce.number().int().min(1).max(102_400).default(256),
  },
  libraryBodyKb: {
    env: 'PAPERBOY_LIBRARY_BODY_KB',
    doc: 'Largest library import (a BibTeX, RIS or CSL-JSON file: POST /account/library, /api/v1/library/import), KiB. Default 8192.',
    schema: z.coerce.number().int().min(1).max(102_400).default(8192),
  },
  logLevel: {
    env: 'LOG_LEVEL',
    flag: 'log-level',
    doc: 'Lowest log level written: debug, info, warn or error. Default info.',
    schema: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  },
  logFormat: {
    env: 'LOG_FORMAT',
    doc: 'auto (text on a terminal, JSON lines otherwise), json or text. Default auto.',
    schema: z.enum(['auto', 'json', 'text']).default('auto'),
  },
} satisfies Record<string, Setting>;

type Settings = typeof settings;
type Raw = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

/** The validated configuration, passed as a value into container.ts. */
export type Config = Omit<Raw, 'baseUrl'> & {
  baseUrl: string;
  /** Absolute path of the SQLite store inside dataDir. */
  databasePath: string;
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Values given on the command line, keyed by setting name (they win over env). */
export type ConfigFlags = Partial<Record<keyof Settings, unknown>>;

/**
 * Builds the configuration from `env` and `flags`. Never throws: returns every problem, each naming
 * the variable, the bad value and how to fix it.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  flags: ConfigFlags = {},
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ConfigResult {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, setting] of Object.entries(settings) as [keyof Settings, Setting][]) {
    const input = flags[key] ?? readEnv(env, setting, readFile, problems);
    const parsed = setting.schema.safeParse(input === '' ? undefined : input);
    if (parsed.success) {
      raw[key] = parsed.data;
      continue;
    }
    const where = setting.flag ? `${setting.env} / --${setting.flag}` : setting.env;
    const shown = setting.secret ? '(hidden)' : JSON.stringify(input);
    const why = parsed.error.issues.map((i) => i.message).join('; ');
    problems.push(`${where} = ${shown}: ${why}. ${setting.doc}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const values = raw as Raw;
  const dataDir = resolve(values.dataDir);
  return {
    ok: true,
    config: {
      ...values,
      dataDir,
      baseUrl: (values.baseUrl ?? `http://localhost:${values.port}`).replace(/\/+$/, ''),
      databasePath: resolve(dataDir, 'paperboy.db'),
    },
  };
}

function readEnv(
  env: Record<string, string | undefined>,
  setting: Setting,
  readFile: (path: string) => string,
  problems: string[],
): string | undefined {
  const file = setting.secret ? env[`${setting.env}_FILE`] : undefined;
  if (!file) return env[setting.env];
  try {
    return readFile(file).trim();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.push(`${setting.env}_FILE = ${JSON.stringify(file)}: cannot read it (${why}).`);
    return undefined;
  }
}

/** The effective configuration as `KEY=value` lines, secrets redacted. */
export function dumpConfig(config: Config): string[] {
  return (Object.entries(settings) as [keyof Settings, Setting][]).map(([key, setting]) => {
    const value = config[key as keyof Config];
    const shown =
      setting.secret && value
        ? (setting.redact?.(String(value)) ?? '********')
        : String(value ?? '');
    return `${setting.env}=${shown}`;
  });
}
