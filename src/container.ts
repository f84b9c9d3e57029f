/**
 * The composition root: the only module that picks adapters. It turns a Config into the set of
 * ports the interfaces (HTTP, CLI, worker) use, and closes them again. It only builds and
 * connects; each area's wiring is in src/container/, and each job in its own room.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CitationJsCodec } from './adapters/citations/citation-js-codec.ts';
import { openStore, type Store, type StoreLocation } from './adapters/db/connect.ts';
import { loadOrCreateSecret } from './adapters/db/instance-secret.ts';
import { KyselyAuthorIndex } from './adapters/db/kysely-author-index.ts';
import { KyselyEmbeddingQueue } from './adapters/db/kysely-embedding-queue.ts';
import { KyselyIngestStore } from './adapters/db/kysely-ingest-store.ts';
import { KyselyJobScheduleRepo } from './adapters/db/kysely-job-schedule-repo.ts';
import { KyselyModelStateRepo } from './adapters/db/kysely-model-state.ts';
import { KyselyPaperRepo } from './adapters/db/kysely-paper-repo.ts';
import { KyselyPaperTexts } from './adapters/db/kysely-paper-texts.ts';
import { type MigrationReport, migrateToLatest } from './adapters/db/migrate.ts';
import { WorkerModelTrainer } from './adapters/embeddings/worker-model-trainer.ts';
import { readDemoVectors } from './adapters/files/demo-vectors.ts';
import { readPaperJsonl } from './adapters/files/paper-jsonl-reader.ts';
import { createLimits } from './adapters/limits/flexible-rate-limit.ts';
import { OutboxMailer } from './adapters/mail/outbox-mailer.ts';
import { SmtpMailer } from './adapters/mail/smtp-mailer.ts';
import { createPromMetrics, meteredMailer } from './adapters/metrics/prom-metrics.ts';
import type { FetchFn } from './adapters/sources/http/polite-http.ts';
import type { Config } from './config.ts';
import { wireCommunity } from './container/community.ts';
import { wireEmail } from './container/email.ts';
import { openLiveModels, openStaticEmbedder, staticModelStore } from './container/embedders.ts';
import { engineAdapters } from './container/engine.ts';
import { type RecsContext, wireRecs } from './container/recs.ts';
import { type SourceFactory, wireSources } from './container/sources.ts';
import { type Clock, systemClock } from './core/clock.ts';
import type { CommunityContext } from './core/community/context.ts';
import type { DigestLedger, SubscriptionRepo } from './core/digests/ports.ts';
import type { SendDeps } from './core/digests/send-digests.ts';
import type { SubscriptionDeps } from './core/digests/subscription-deps.ts';
import type { LiveModels } from './core/embeddings/live-models.ts';
import type { Embedder, EmbeddingQueue } from './core/embeddings/ports.ts';
import type { ModelTrainer, PaperTexts, StaticModelStore } from './core/embeddings/static/ports.ts';
import { createError } from './core/errors.ts';
import { ingestSource } from './core/ingest/ingest-source.ts';
import type { IngestStore } from './core/ingest/ports.ts';
import type { JobScheduleRepo } from './core/jobs/ports.ts';
import type { Limits } from './core/limits/ports.ts';
import type { Logger } from './core/logger.ts';
import type { Mailer } from './core/mail/ports.ts';
import type { Metrics } from './core/ops/metrics.ts';
import type { StoreBackup } from './core/ops/ports.ts';
import type { ParsedRecord } from './core/papers/import-papers.ts';
import type { CitationCodec, PaperFetcher, PaperRepo } from './core/papers/ports.ts';
import { seedDemo } from './core/papers/seed-demo.ts';
import { forYouDigestSource } from './core/recs/for-you-digests.ts';
import { DEFAULT_BOOSTS } from './core/search/fuse.ts';
import { defaultFusion } from './core/search/fusion-defaults.ts';
import { meaningThreshold } from './core/search/meaning-thresholds.ts';
import type { VectorIndex } from './core/search/ports.ts';
import type { SearchDeps } from './core/search/search-papers.ts';
import type { StoreHealth, StoreUpkeep } from './core/store/ports.ts';

export { BUNDLED_STATIC_MODEL_PATH, createEmbedder } from './container/embedders.ts';
export { type CopyDirection, openStoreCopy } from './container/store-copy.ts';
export type { SourceFactory };

/** The bundled demo corpus (see scripts/build-demo-corpus.ts). */
export const DEMO_CORPUS_PATH = fileURLToPath(
  new URL('../assets/demo-corpus.jsonl.gz', import.meta.url),
);

/** Precomputed demo-corpus vectors for an embedding model (scripts/build-demo-vectors.ts). */
export function demoVectorsPath(modelId: string): string {
  const name = modelId.replace(/[^A-Za-z0-9.-]+/g, '_');
  return fileURLToPath(new URL(`../assets/demo-vectors.${name}.bin.gz`, import.meta.url));
}

export interface Container {
  config: Config;
  log: Logger;
  clock: Clock;
  /** Which engine holds the store, and where (no credentials), for messages. */
  store: { engine: Store['engine']; label: string };
  papers: PaperRepo;
  /** Papers waiting for vectors; ingestion fills it, the embedding job drains it. */
  embeddingQueue: EmbeddingQueue;
  /** The embedding models in use: serving (queries) and target (the embedding job), kept in step with the store. */
  models: LiveModels;
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
   * findNewMatches in core/search): the engine's text index, the embedder (query vectors
   * cached) and the vector index of its model, or null for both when PAPERBOY_EMBEDDER=none.
   */
  search: SearchDeps;
  /** Accounts, votes, comments, submissions, collections, trending: the community use cases' ports. */
  community: CommunityContext;
  /** Request, job, mail and queue metrics of this process (`/metrics`). */
  metrics: Metrics;
  /**
   * A token that changes with every committed write to the store, by any process (page cache);
   * null where the engine cannot tell cheaply (the page cache is then off).
   */
  storeVersion: (() => string) | null;
  /** Online copies of the store and restoring one (`paperboy backup` / `restore`). */
  storeBackup: StoreBackup;
  /** Rate limits the HTTP edge applies (mail, API, password tries); config sets the numbers. */
  limits: Limits;
  /** Key that signs CSRF tokens: PAPERBOY_SECRET, else generated once and kept in the store. */
  secret(): Promise<string>;
  /** BibTeX, RIS and CSL-JSON out (exports) and in (library imports). */
  citations: CitationCodec;
  /** For you: readers' libraries, marks, follows and settings; library imports. */
  recs: RecsContext;
  /** Email subscriptions and their addresses. */
  subscriptions: SubscriptionRepo;
  /** The digest ledger (one row per subscription and period). */
  digests: DigestLedger;
  /** What the subscribe/confirm/manage use cases need. */
  subscriptionDeps: SubscriptionDeps;
  /** What the digest use cases (plan, send, preview) need. */
  digestDeps: SendDeps;
  /** Statistics and index builds (`store:optimize`, `paperboy optimize`). */
  upkeep: StoreUpkeep;
  /** What the store says about itself (`paperboy doctor`, /healthz). */
  health: StoreHealth;
  /** Applies pending migrations. */
  migrate(): Promise<MigrationReport>;
  /** Loads the demo corpus when the store is empty and the config allows it. */
  seedDemo(): Promise<void>;
  /** Streams a paper JSONL(.gz) file as parsed records. */
  readPaperFile(path: string): AsyncIterable<ParsedRecord>;
  close(): Promise<void>;
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

/** Where the config puts the store: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export function storeLocation(config: Config): StoreLocation {
  return config.databaseUrl
    ? { engine: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
    : { engine: 'sqlite', path: config.databasePath };
}

/** Opens the store and wires every port. Throws AppError when the store cannot be used. */
export async function createContainer(
  config: Config,
  options: ContainerOptions,
): Promise<Container> {
  const { log } = options;
  const clock = options.clock ?? systemClock;
  const store = await openStore(storeLocation(config));
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
  const { db } = store;
  const engine = engineAdapters(store, { config, clock, log });
  const papers = new KyselyPaperRepo(db, clock);
  const embeddingQueue = new KyselyEmbeddingQueue(db, clock);
  const metrics = createPromMetrics({ embedding: () => embeddingQueue.size() });
  const mailer = meteredMailer(createMailer(config, log), metrics);
  const staticModels = staticModelStore(config, clock);
  const fetch: FetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const { sources, arxivAtom } = wireSources(config, { clock, log, fetch });
  const ingest = new KyselyIngestStore(db, clock);
  const models = await openLiveModels(config, staticModels, options.embedder, {
    repo: new KyselyModelStateRepo(db, clock),
    vectorIndex: engine.vectorIndex,
    log: log.child({ component: 'models' }),
  });
  const serving = () => models.serving();
  const search: SearchDeps = {
    index: engine.searchIndex,
    papers,
    clock,
    log: log.child({ component: 'search' }),
    // Read per use: a model switch made by any process swaps them (core/embeddings/live-models.ts).
    get embedder() {
      return serving()?.query ?? null;
    },
    get vectors() {
      return serving()?.index ?? null;
    },
    get fusion() {
      return defaultFusion(serving()?.ref.modelId ?? null, config.hybridWeight);
    },
    boosts: DEFAULT_BOOSTS,
    get meaningThreshold() {
      return meaningThreshold(serving()?.ref.modelId ?? null, config.meaningThreshold);
    },
    authors: new KyselyAuthorIndex(db),
  };
  const community = wireCommunity(config, db, {
    papers,
    fetcher: arxivAtom,
    ingest,
    mailer,
    clock,
    log,
  });
  const citations = new CitationJsCodec();
  const recs = wireRecs(db, { community, codec: citations, search });
  const email = await wireEmail(config, db, {
    papers,
    mailer,
    clock,
    log,
    search,
    community,
    outcomes: engine.outcomes,
    upkeep: engine.upkeep,
    forYou: forYouDigestSource(recs.forYou),
  });
  let secret: Promise<string> | null = null;
  return {
    config,
    log,
    clock,
    store: { engine: store.engine, label: store.label },
    papers,
    embeddingQueue,
    models,
    staticModels,
    paperTexts: new KyselyPaperTexts(db),
    modelTrainer: new WorkerModelTrainer(),
    openStaticEmbedder: () => openStaticEmbedder(staticModels, log),
    schedules: new KyselyJobScheduleRepo(db),
    mailer,
    paperFetcher: arxivAtom,
    ingest,
    sources,
    search,
    community,
    citations,
    recs,
    metrics,
    storeBackup: engine.backup,
    storeVersion: engine.version ? () => engine.version?.read() ?? '' : null,
    limits: createLimits(store.db, {
      mailPerIpHour: config.mailPerIpHour,
      mailPerAddressHour: config.mailPerAddressHour,
      mailGlobalHour: config.mailGlobalHour,
      apiPerIpMinute: config.apiPerIpMinute,
      passwordFailuresPerAccount: config.passwordTriesPerAccount,
      passwordFailuresPerIp: config.passwordTriesPerIp,
    }),
    secret() {
      secret ??= config.secret
        ? Promise.resolve(config.secret)
        : loadOrCreateSecret(db, clock.now().toISOString());
      return secret;
    },
    ...email,
    upkeep: engine.upkeep,
    health: engine.health,
    migrate,
    async seedDemo() {
      if (!config.demo) return;
      await seedDemo({
        repo: papers,
        log,
        load: () => ingestSource({ source: sources.paperJsonl(DEMO_CORPUS_PATH), store: ingest }),
        ...(serving()
          ? {
              vectors: {
                index: serving()?.index as VectorIndex,
                queue: embeddingQueue,
                read: (modelId) => readDemoVectors(demoVectorsPath(modelId)),
              },
            }
          : {}),
      });
    },
    readPaperFile: (path) => readPaperJsonl(path),
    async close() {
      await mailer.close();
      await models.close();
      engine.version?.close();
      await store.close();
    },
  };
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
