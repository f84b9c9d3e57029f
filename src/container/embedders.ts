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
import type { Embedder } from '../core/embeddings/ports.ts';
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
