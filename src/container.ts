/**
 * The composition root: the only module that picks adapters. It turns a Config into the set of
 * ports the interfaces (HTTP, CLI, worker) use, and closes them again.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore, type Store } from './adapters/db/connect.ts';
import { loadOrCreateSecret } from './adapters/db/instance-secret.ts';
import { KyselyAuditLog, KyselyAuthorIndex } from './adapters/db/kysely-audit-log.ts';
import { KyselyCollectionRepo } from './adapters/db/kysely-collection-repo.ts';
import { KyselyCommentRepo } from './adapters/db/kysely-comment-repo.ts';
import { KyselyDigestRepo } from './adapters/db/kysely-digest-repo.ts';
import { KyselyEmbeddingQueue } from './adapters/db/kysely-embedding-queue.ts';
import { KyselyIngestStore } from './adapters/db/kysely-ingest-store.ts';
import { KyselyJobScheduleRepo } from './adapters/db/kysely-job-schedule-repo.ts';
import { KyselyNewPapers } from './adapters/db/kysely-new-papers.ts';
import { KyselyPaperRepo } from './adapters/db/kysely-paper-repo.ts';
import { KyselyPaperTexts } from './adapters/db/kysely-paper-texts.ts';
import { KyselyQueryVectorCache } from './adapters/db/kysely-query-vector-cache.ts';
import { KyselySubmissionRepo } from './adapters/db/kysely-submission-repo.ts';
import { KyselySubscriptionRepo } from './adapters/db/kysely-subscription-repo.ts';
import {
  KyselyLoginTokenRepo,
  KyselySessionRepo,
  KyselyUserRepo,
} from './adapters/db/kysely-user-repo.ts';
import { KyselyTrendingRepo, KyselyVoteRepo } from './adapters/db/kysely-vote-repo.ts';
import { type MigrationReport, migrateToLatest } from './adapters/db/migrate.ts';
import { checkpointIfIdle } from './adapters/db/sqlite/checkpoint.ts';
import { type Check, checkStore, pingStore } from './adapters/db/store-checks.ts';
import { HttpEmbedder } from './adapters/embeddings/http-embedder.ts';
import { StaticEmbedder } from './adapters/embeddings/static-embedder.ts';
import { FileStaticModelStore } from './adapters/embeddings/static-model-store.ts';
import { TransformersEmbedder } from './adapters/embeddings/transformers-embedder.ts';
import { UseLiteEmbedder } from './adapters/embeddings/use-lite-embedder.ts';
import { WorkerModelTrainer } from './adapters/embeddings/worker-model-trainer.ts';
import { readDemoVectors } from './adapters/files/demo-vectors.ts';
import { parsePaperLine, readPaperJsonl } from './adapters/files/paper-jsonl-reader.ts';
import { OutboxMailer } from './adapters/mail/outbox-mailer.ts';
import { SmtpMailer } from './adapters/mail/smtp-mailer.ts';
import { MarkdownItRenderer } from './adapters/markdown/markdown-it-renderer.ts';
import { SqliteSearchIndex } from './adapters/search/sqlite-search-index.ts';
import { UsearchVectorIndex } from './adapters/search/usearch-vector-index.ts';
import { ArxivAtomClient } from './adapters/sources/arxiv/arxiv-atom-client.ts';
import {
  arxivOaiSource,
  type OaiMetadataPrefix,
} from './adapters/sources/arxiv/arxiv-oai-source.ts';
import { arxivSearchSource } from './adapters/sources/arxiv/arxiv-search-source.ts';
import { fileSource } from './adapters/sources/file-source.ts';
import { hfDailySource } from './adapters/sources/hf/hf-daily-source.ts';
import { type FetchFn, PoliteHttp } from './adapters/sources/http/polite-http.ts';
import { parseKaggleLine } from './adapters/sources/snapshot/kaggle-snapshot-parser.ts';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './core/clock.ts';
import type { CommunityContext } from './core/community/context.ts';
import { communityTrendingSource } from './core/digests/community-trending.ts';
import { createLinks } from './core/digests/links.ts';
import type { DigestSettings } from './core/digests/model.ts';
import type { DigestRepo, SubscriptionRepo } from './core/digests/ports.ts';
import { searchAlertSource } from './core/digests/search-alert-source.ts';
import type { SendDeps } from './core/digests/send-digests.ts';
import type { SubscriptionDeps } from './core/digests/subscribe.ts';
import { cachedEmbedder } from './core/embeddings/cached-embedder.ts';
import type { Embedder, EmbeddingQueue } from './core/embeddings/ports.ts';
import { seedVectors } from './core/embeddings/seed-vectors.ts';
import type { ModelTrainer, PaperTexts, StaticModelStore } from './core/embeddings/static/ports.ts';
import { createError } from './core/errors.ts';
import { ingestSource } from './core/ingest/ingest-source.ts';
import type { IngestStore, Source } from './core/ingest/ports.ts';
import type { JobScheduleRepo } from './core/jobs/ports.ts';
import type { Logger } from './core/logger.ts';
import type { Mailer } from './core/mail/ports.ts';
import type { ParsedRecord } from './core/papers/import-papers.ts';
import type { PaperFetcher, PaperRepo } from './core/papers/ports.ts';
import { seedDemo } from './core/papers/seed-demo.ts';
import type { ProgressFactory } from './core/progress.ts';
import { DEFAULT_BOOSTS } from './core/search/fuse.ts';
import { defaultFusion } from './core/search/fusion-defaults.ts';
import { meaningThreshold } from './core/search/meaning-thresholds.ts';
import type { VectorIndex } from './core/search/ports.ts';
import type { SearchDeps } from './core/search/search-papers.ts';

export type { Check };

/** The bundled demo corpus (see scripts/build-demo-corpus.ts). */
export const DEMO_CORPUS_PATH = fileURLToPath(
  new URL('../assets/demo-corpus.jsonl.gz', import.meta.url),
);

/** Precomputed demo-corpus vectors for an embedding model (scripts/build-demo-vectors.ts). */
export function demoVectorsPath(modelId: string): string {
  const name = modelId.replace(/[^A-Za-z0-9.-]+/g, '_');
  return fileURLToPath(new URL(`../assets/demo-vectors.${name}.bin.gz`, import.meta.url));
}

/** The static embedding model bundled with paperboy (see scripts/model/build-default-model.ts). */
export const BUNDLED_STATIC_MODEL_PATH = fileURLToPath(
  new URL('../assets/models/paperboy-static.pbsm', import.meta.url),
);

export interface Container {
  config: Config;
  log: Logger;
  clock: Clock;
  papers: PaperRepo;
  /** Papers waiting for vectors; ingestion fills it, the embedding job drains it. */
  embeddingQueue: EmbeddingQueue;
  /** Versions of the self-trained static embedding model (<data dir>/models + the bundled one). */
  staticModels: StaticModelStore;
  /** The stored papers' texts, for training the static model. */
  paperTexts: PaperTexts;
  /** Trains static models in a worker thread. */
  modelTrainer: ModelTrainer;
  /** An Embedder over the static model in use (falls back past corrupt files, logging why). */
  openStaticEmbedder(): Promise<Embedder>;
  /** Schedules of background jobs (the worker loop reads and claims them). */
  schedules: JobScheduleRepo;
  /** Outgoing mail: SMTP when SMTP_HOST is set, else .eml files in <data dir>/outbox. */
  mailer: Mailer;
  /** Looks papers up on arXiv by id (arXiv API; `paperboy add`, submissions). */
  paperFetcher: PaperFetcher;
  /** Commits harvested pages with their cursors (ingestion). */
  ingest: IngestStore;
  /** Builds the harvestable sources (CLI `ingest`, scheduled harvest jobs). */
  sources: SourceFactory;
  /**
   * Everything the search use cases need (searchPapers, similarPapers, similarToText,
   * findNewMatches in core/search): the FTS5 index, the embedder (query vectors cached) and the
   * vector index of its model, or null for both when PAPERBOY_EMBEDDER=none.
   */
  search: SearchDeps;
  /** Accounts, votes, comments, submissions, collections, trending: the community use cases' ports. */
  community: CommunityContext;
  /** Key that signs CSRF tokens: PAPERBOY_SECRET, else generated once and kept in the store. */
  secret(): Promise<string>;
  /** Email subscriptions and their addresses. */
  subscriptions: SubscriptionRepo;
  /** The digest ledger (one row per subscription and period). */
  digests: DigestRepo;
  /** What the subscribe/confirm/manage use cases need. */
  subscriptionDeps: SubscriptionDeps;
  /** What the digest use cases (plan, send, preview) need. */
  digestDeps: SendDeps;
  /** Applies pending migrations. */
  migrate(): Promise<MigrationReport>;
  /** Loads the demo corpus when the store is empty and the config allows it. */
  seedDemo(): Promise<void>;
  /** Streams a paper JSONL(.gz) file as parsed records. */
  readPaperFile(path: string): AsyncIterable<ParsedRecord>;
  /** Everything `paperboy doctor` checks beyond the config. */
  checks(): Promise<Check[]>;
  /**
   * Refreshes search term statistics, rebuilds the impact-ordered keyword index and the
   * planner's statistics, and checkpoints the WAL (daily job, `paperboy optimize`).
   */
  optimizeStore(progress?: ProgressFactory): Promise<void>;
  /**
   * Whether store:optimize has work: the keyword index was never built, is a day old, or lags
   * behind new or changed papers.
   */
  optimizeStoreDue(): boolean;
  /** True when the store answers (for /healthz). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** Ways to build a Source; every HTTP source shares its host's politeness gate. */
export interface SourceFactory {
  arxivOai(options: {
    set?: string;
    metadataPrefix?: OaiMetadataPrefix;
    from?: string;
    until?: string;
    initialFrom?: string;
  }): Source;
  /** An arXiv API search (`search_query` syntax), newest first, up to `max` results. */
  arxivSearch(options: { query: string; max?: number }): Source;
  hfDaily(options: { from?: string; to?: string }): Source;
  /** A Kaggle arXiv snapshot file (.json / .json.gz lines). */
  snapshot(path: string, options?: { batchSize?: number }): Source;
  /** A paperboy JSONL file (`paperboy export`). */
  paperJsonl(path: string, options?: { batchSize?: number }): Source;
  /** The sources PAPERBOY_SOURCES names, for the scheduler (first runs start a week back). */
  configured(): Source[];
}

export interface ContainerOptions {
  log: Logger;
  clock?: Clock;
  /** Run pending migrations while opening (serve, import). Default true. */
  migrate?: boolean;
  /** HTTP for source adapters (default: global fetch, looked up at call time). */
  fetch?: FetchFn;
  /** Use this embedder instead of the configured one (tests, eval); null turns semantic search off. */
  embedder?: Embedder | null;
}

/** Opens the store and wires every port. Throws AppError when the store cannot be used. */
export async function createContainer(
  config: Config,
  options: ContainerOptions,
): Promise<Container> {
  const { log } = options;
  const clock = options.clock ?? systemClock;
  const store: Store = openSqliteStore(config.databasePath);
  const migrate = async () => {
    const report = await migrateToLatest(store.db);
    for (const name of report.applied) log.info('migration applied', { migration: name });
    return report;
  };
  if (options.migrate !== false) {
    const report = await migrate();
    if (report.error) {
      await store.close();
      throw createError('store_unavailable', report.error.message, { cause: report.error });
    }
  }
  const papers = new KyselyPaperRepo(store.db, clock);
  const mailer = createMailer(config, log);
  const embeddingQueue = new KyselyEmbeddingQueue(store.db, clock);
  const staticModels = staticModelStore(config, clock);
  const fetchFn: FetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  // One gate for everything that talks to arXiv: one request at a time, ARXIV_REQUEST_INTERVAL_MS apart.
  const arxivHttp = new PoliteHttp({
    source: 'arxiv',
    fetch: fetchFn,
    minIntervalMs: config.arxivIntervalMs,
    log: log.child({ component: 'http.arxiv' }),
  });
  const arxivAtom = new ArxivAtomClient({ baseUrl: config.arxivApiUrl, http: arxivHttp, clock });
  const hfHttp = new PoliteHttp({
    source: 'huggingface',
    fetch: fetchFn,
    minIntervalMs: config.hfIntervalMs,
    log: log.child({ component: 'http.hf' }),
  });
  const ingestLog = log.child({ component: 'ingest' });
  const ingest = new KyselyIngestStore(store.db, clock);
  const sources: SourceFactory = {
    arxivOai: (o) =>
      arxivOaiSource({
        ...o,
        set: o.set ?? '',
        baseUrl: config.arxivOaiUrl,
        http: arxivHttp,
        clock,
        log: ingestLog,
      }),
    arxivSearch: (o) => arxivSearchSource({ ...o, client: arxivAtom }),
    hfDaily: (o) =>
      hfDailySource({ ...o, baseUrl: config.hfApiUrl, http: hfHttp, clock, log: ingestLog }),
    snapshot: (path, o) =>
      fileSource({
        name: 'snapshot',
        path,
        batchSize: o?.batchSize,
        parseLine: (line, text) => parseKaggleLine(line, text, clock.now().toISOString()),
      }),
    paperJsonl: (path, o) =>
      fileSource({ name: 'import', path, batchSize: o?.batchSize, parseLine: parsePaperLine }),
    configured: () =>
      config.sources.map((entry) => {
        if (entry === 'hf') return sources.hfDaily({});
        const weekAgo = new Date(clock.now().getTime() - 7 * 86_400_000).toISOString();
        return sources.arxivOai({
          set: entry.replace(/^arxiv:?/, ''),
          initialFrom: weekAgo.slice(0, 10),
        });
      }),
  };
  const embedder =
    options.embedder !== undefined ? options.embedder : await createEmbedder(config, log);
  const vectors: VectorIndex | null = embedder
    ? await UsearchVectorIndex.open(store.sqlite, embedder.modelId, clock, {
        dir: join(config.dataDir, 'vectors'),
        quantization: config.vectorQuantization,
      })
    : null;
  const searchIndex = new SqliteSearchIndex(store.sqlite);
  const authors = new KyselyAuthorIndex(store.db);
  const search: SearchDeps = {
    index: searchIndex,
    papers,
    clock,
    log: log.child({ component: 'search' }),
    embedder: embedder ? cachedEmbedder(embedder) : null,
    vectors,
    fusion: defaultFusion(embedder?.modelId ?? null, config.hybridWeight),
    boosts: DEFAULT_BOOSTS,
    meaningThreshold: meaningThreshold(embedder?.modelId ?? null, config.meaningThreshold),
    authors,
  };
  const votes = new KyselyVoteRepo(store.db);
  const community: CommunityContext = {
    users: new KyselyUserRepo(store.db),
    sessions: new KyselySessionRepo(store.db),
    loginTokens: new KyselyLoginTokenRepo(store.db),
    votes,
    stats: votes,
    trending: new KyselyTrendingRepo(store.db),
    comments: new KyselyCommentRepo(store.db),
    submissions: new KyselySubmissionRepo(store.db),
    collections: new KyselyCollectionRepo(store.db),
    audit: new KyselyAuditLog(store.db),
    authors,
    markdown: new MarkdownItRenderer(),
    papers,
    fetcher: arxivAtom,
    storeFetched: (fetched) => ingest.commitPage(fetched, null),
    mailer,
    clock,
    log: log.child({ component: 'community' }),
    settings: {
      baseUrl: config.baseUrl,
      feedTimeZone: config.feedTimeZone,
      magicLinkMinutes: config.magicLinkMinutes,
      sessionDays: config.sessionDays,
      submission: { maxAgeDays: config.submitMaxAgeDays, dailyQuota: config.submitDailyQuota },
      trending: { gravity: config.trendingGravity, windowDays: config.trendingWindowDays },
    },
  };
  let secret: Promise<string> | null = null;
  const email = await wireEmail(config, store, { papers, mailer, clock, log, search, community });
  return {
    config,
    log,
    clock,
    papers,
    embeddingQueue,
    staticModels,
    paperTexts: new KyselyPaperTexts(store.db),
    modelTrainer: new WorkerModelTrainer(),
    openStaticEmbedder: () => openStaticEmbedder(staticModels, log),
    schedules: new KyselyJobScheduleRepo(store.db),
    mailer,
    paperFetcher: arxivAtom,
    ingest,
    sources,
    search,
    community,
    secret() {
      secret ??= config.secret
        ? Promise.resolve(config.secret)
        : loadOrCreateSecret(store.db, clock.now().toISOString());
      return secret;
    },
    ...email,
    migrate,
    async seedDemo() {
      if (!config.demo) return;
      const report = await seedDemo({
        repo: papers,
        log,
        load: () => ingestSource({ source: sources.paperJsonl(DEMO_CORPUS_PATH), store: ingest }),
      });
      const file = report && vectors ? readDemoVectors(demoVectorsPath(vectors.modelId)) : null;
      if (file && vectors) {
        const stored = await seedVectors({
          modelId: file.modelId,
          vectors: file.vectors,
          index: vectors,
          papers,
          queue: embeddingQueue,
        });
        log.info('demo vectors loaded', { model: file.modelId, vectors: stored });
      }
    },
    readPaperFile: (path) => readPaperJsonl(path),
    async checks() {
      const demo: Check = existsSync(DEMO_CORPUS_PATH)
        ? { name: 'demo corpus', ok: true, detail: DEMO_CORPUS_PATH }
        : {
            name: 'demo corpus',
            ok: false,
            detail: `missing: ${DEMO_CORPUS_PATH} (run npm run demo:build)`,
          };
      const storeChecks = await checkStore(store);
      const migrated = storeChecks.every((c) => c.name !== 'migrations' || c.ok);
      const embeddings: Check[] =
        vectors && migrated
          ? [
              await vectors.coverage().then(
                ({ embedded, papers: total }) => ({
                  name: 'embeddings',
                  ok: true,
                  detail: `${embedded} of ${total} papers have ${vectors.modelId} vectors${
                    embedded < total
                      ? ' (the worker embeds the rest; search answers meanwhile)'
                      : ''
                  }`,
                }),
                (error: unknown) => ({ name: 'embeddings', ok: false, detail: String(error) }),
              ),
            ]
          : [];
      const keyword: Check[] = migrated ? [keywordIndexCheck(searchIndex.impactStatus())] : [];
      return [...storeChecks, demo, ...embeddings, ...keyword];
    },
    async optimizeStore(progress) {
      const terms = await searchIndex.refreshTermStats();
      const built = await searchIndex.buildImpacts(progress?.('keyword index', terms));
      if (built) log.info('keyword index built', { ...built });
      store.sqlite.pragma('optimize');
      if (!checkpointIfIdle(store.sqlite, 'TRUNCATE')) {
        log.info('WAL checkpoint skipped: the store is busy; the automatic checkpoint follows');
      }
    },
    optimizeStoreDue: () => searchIndex.impactsDue(clock.now(), DAY_MS),
    healthy: () => pingStore(store),
    async close() {
      await mailer.close();
      await vectors?.close();
      await embedder?.close();
      await store.close();
    },
  };
}

/**
 * Subscriptions and digests. Alerts match with the search's query language, index, embedder and
 * vectors (core/digests/search-alert-source.ts); the trending digest ranks by the community's
 * trending score (core/digests/community-trending.ts).
 */
async function wireEmail(
  config: Config,
  store: Store,
  deps: {
    papers: PaperRepo;
    mailer: Mailer;
    clock: Clock;
    log: Logger;
    search: SearchDeps;
    community: CommunityContext;
  },
) {
  const { db } = store;
  const subscriptions = new KyselySubscriptionRepo(db);
  const digests = new KyselyDigestRepo(db, store.sqlite);
  // The instance secret (shared with CSRF tokens), read now because links are built
  // synchronously. Without a migrated store (doctor, migrate) it cannot be read yet; no links are
  // made there, so a placeholder that makes no valid link is enough.
  const secret =
    config.secret ??
    (await loadOrCreateSecret(db, deps.clock.now().toISOString()).catch(() => null));
  const links = createLinks({
    baseUrl: config.baseUrl,
    secret: secret ? linkKey(secret) : randomBytes(32).toString('hex'),
    clock: deps.clock,
    unsubscribeMailbox: config.unsubscribeMailbox ?? mailboxOf(config.mailFrom),
  });
  const settings: DigestSettings = {
    sendHour: config.digestSendHour,
    trendingSize: config.digestTrendingSize,
    alertSize: config.digestAlertSize,
    minScore: config.digestMinScore,
    maxBounces: config.digestMaxBounces,
    mailDomain: new URL(config.baseUrl).hostname,
  };
  const log = deps.log.child({ component: 'email' });
  const alerts = searchAlertSource({
    search: deps.search,
    newPapers: new KyselyNewPapers(db, deps.papers),
    queryVectors: new KyselyQueryVectorCache(db, deps.clock),
    log,
  });
  const subscriptionDeps: SubscriptionDeps = {
    subscriptions,
    alerts,
    mailer: deps.mailer,
    links,
    clock: deps.clock,
    log,
    defaultTimeZone: config.feedTimeZone,
  };
  const digestDeps: SendDeps = {
    subscriptions,
    digests,
    trending: communityTrendingSource(deps.community),
    alerts,
    clock: deps.clock,
    log,
    settings,
    papers: deps.papers,
    mailer: deps.mailer,
    links,
  };
  return { subscriptions, digests, subscriptionDeps, digestDeps };
}

/** A key of its own for mailed links, derived from the instance secret (not the CSRF key). */
function linkKey(secret: string): string {
  return createHmac('sha256', secret).update('paperboy mail links v1').digest('hex');
}

/** The bare address in a From value such as `paperboy <papers@example.org>`. */
function mailboxOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

function createMailer(config: Config, log: Logger): Mailer {
  if (!config.smtpHost) {
    return new OutboxMailer(
      join(config.dataDir, 'outbox'),
      config.mailFrom,
      log.child({ component: 'mail' }),
    );
  }
  return new SmtpMailer({
    host: config.smtpHost,
    port: config.smtpPort,
    secure: config.smtpSecure,
    user: config.smtpUser,
    password: config.smtpPassword,
    from: config.mailFrom,
  });
}

/**
 * The embedder PAPERBOY_EMBEDDER names (null for `none`). A transformers model that cannot be
 * loaded (offline, no local copy) is reported and replaced by the bundled use-lite model.
 * Add new embedders here and to the PAPERBOY_EMBEDDER enum in config.ts.
 */
/** Versioned static models in <data dir>/models/static, plus the bundled default. */
function staticModelStore(config: Config, clock: Clock): StaticModelStore {
  return new FileStaticModelStore(
    join(config.dataDir, 'models', 'static'),
    BUNDLED_STATIC_MODEL_PATH,
    clock,
  );
}

/** The static model in use (skipping missing or corrupt versions, logged) as an Embedder. */
async function openStaticEmbedder(store: StaticModelStore, log: Logger): Promise<Embedder> {
  const loaded = await store.loadCurrent();
  for (const why of loaded.fallbacks) {
    log.warn('static model skipped', { reason: why, using: loaded.version });
  }
  return new StaticEmbedder(loaded);
}

export async function createEmbedder(config: Config, log: Logger): Promise<Embedder | null> {
  switch (config.embedder) {
    case 'none':
      return null;
    case 'static':
      return openStaticEmbedder(staticModelStore(config, systemClock), log);
    case 'use-lite':
      return new UseLiteEmbedder(config.embedderThreads);
    case 'openai-compatible':
      if (!config.embeddingUrl) {
        throw createError(
          'config_invalid',
          'PAPERBOY_EMBEDDER=openai-compatible needs PAPERBOY_EMBEDDING_URL (e.g. http://gpu-box:8080/v1) and PAPERBOY_EMBEDDING_MODEL.',
        );
      }
      return new HttpEmbedder({
        url: config.embeddingUrl,
        model: config.embeddingModel ?? 'text-embedding-3-small',
        apiKey: config.embeddingApiKey,
      });
    case 'transformers':
      try {
        return await TransformersEmbedder.load({
          model: config.embeddingModel ?? 'Xenova/bge-small-en-v1.5',
          cacheDir: join(config.dataDir, 'models'),
        });
      } catch (error) {
        log.error('embedding model unavailable; falling back to use-lite', { error });
        return new UseLiteEmbedder(config.embedderThreads);
      }
  }
}

const DAY_MS = 24 * 60 * 60_000;

/** How plain keyword queries are ranked: the impact-ordered index, or FTS5 until it is built. */
function keywordIndexCheck(status: ReturnType<SqliteSearchIndex['impactStatus']>): Check {
  return {
    name: 'keyword index',
    ok: true,
    detail: status
      ? `impact-ordered index covers ${status.docs} papers; ${status.behind} newer and ${status.stale} changed papers are ranked by FTS5 until the next store:optimize`
      : 'FTS5 ranking (the impact-ordered index for large stores is built by store:optimize / paperboy optimize)',
  };
}
