/**
 * The embedding model PAPERBOY_EMBEDDER names, and the versions of paperboy's own static model.
 * Add new embedders here and to the PAPERBOY_EMBEDDER enum in config.ts.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpEmbedder } from '../adapters/embeddings/http-embedder.ts';
import { StaticEmbedder } from '../adapters/embeddings/static-embedder.ts';
import { FileStaticModelStore } from '../adapters/embeddings/static-model-store.ts';
import { TransformersEmbedder } from '../adapters/embeddings/transformers-embedder.ts';
import { UseLiteEmbedder } from '../adapters/embeddings/use-lite-embedder.ts';
import type { Config } from '../config.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import { LiveModels, type LiveModelsDeps } from '../core/embeddings/live-models.ts';
import type { Embedder, ModelRef, ModelState } from '../core/embeddings/ports.ts';
import type { StaticModelStore } from '../core/embeddings/static/ports.ts';
import { createError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

/** The static embedding model bundled with paperboy (see scripts/model/build-default-model.ts). */
export const BUNDLED_STATIC_MODEL_PATH = fileURLToPath(
  new URL('../../assets/models/paperboy-static.pbsm', import.meta.url),
);

/** Versioned static models in <data dir>/models/static, plus the bundled default. */
export function staticModelStore(config: Config, clock: Clock): StaticModelStore {
  return new FileStaticModelStore(
    join(config.dataDir, 'models', 'static'),
    BUNDLED_STATIC_MODEL_PATH,
    clock,
  );
}

/** The static model in use (skipping missing or corrupt versions, logged) as an Embedder. */
export async function openStaticEmbedder(store: StaticModelStore, log: Logger): Promise<Embedder> {
  const loaded = await store.loadCurrent();
  for (const why of loaded.fallbacks) {
    log.warn('static model skipped', { reason: why, using: loaded.version });
  }
  return new StaticEmbedder(loaded);
}

/**
 * The embedder PAPERBOY_EMBEDDER names (null for `none`). A transformers model that cannot be
 * loaded (offline, no local copy) is reported and replaced by the bundled use-lite model.
 */
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

/**
 * The model this process's config asks for, given the store's state: for `static`, the version
 * the store targets (a switch made by any process), else the manifest's current one.
 */
export function configuredModel(
  config: Config,
  store: StaticModelStore,
  log: Logger,
): (state: ModelState) => Promise<{ ref: ModelRef; embedder: Embedder }> {
  return async (state) => {
    if (config.embedder === 'static') {
      const wanted = state.target?.family === 'static' ? state.target.version : null;
      const loaded = await (wanted ? store.load(wanted) : store.loadCurrent()).catch(
        async (error) => {
          log.warn('static model of the store not here; using the current one', { error });
          return store.loadCurrent();
        },
      );
      for (const why of loaded.fallbacks) log.warn('static model skipped', { reason: why });
      const ref = { family: 'static', version: loaded.version, modelId: loaded.modelId };
      return { ref, embedder: new StaticEmbedder(loaded) };
    }
    const embedder = await createEmbedder(config, log);
    if (!embedder) throw new Error('no embedder configured');
    return { ref: { family: config.embedder, version: null, modelId: embedder.modelId }, embedder };
  };
}

/** Opens the model a store row names: a static version, use-lite, or the configured embedder. */
export function modelOpener(
  config: Config,
  store: StaticModelStore,
  log: Logger,
): (ref: ModelRef) => Promise<Embedder> {
  return async (ref) => {
    if (ref.family === 'static' && ref.version)
      return new StaticEmbedder(await store.load(ref.version));
    if (ref.family === 'use-lite') return new UseLiteEmbedder(config.embedderThreads);
    if (ref.family === config.embedder) {
      const embedder = await createEmbedder(config, log);
      if (embedder) return embedder;
    }
    throw createError('model_unavailable', `cannot open ${ref.family} model ${ref.modelId} here`);
  };
}

/**
 * The process's live models: an injected embedder (tests, eval) or `none` is fixed; a configured
 * embedder follows the store's serving and target model (switches by any process).
 */
export async function openLiveModels(
  config: Config,
  store: StaticModelStore,
  injected: Embedder | null | undefined,
  deps: Omit<LiveModelsDeps, 'open'>,
): Promise<LiveModels> {
  if (injected !== undefined || config.embedder === 'none') {
    return LiveModels.fixed(
      injected ? { embedder: injected, index: await deps.vectorIndex(injected.modelId) } : null,
    );
  }
  return LiveModels.start(
    { ...deps, open: modelOpener(config, store, deps.log) },
    configuredModel(config, store, deps.log),
  );
}
