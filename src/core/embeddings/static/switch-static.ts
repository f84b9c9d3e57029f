/**
 * switchStaticModel: makes a stored static-model version the one every process moves to. The
 * manifest (this host's files) and the store (every process) both record it; the embedding job
 * re-embeds in the background and search switches once the new vectors cover the store.
 */
import type { LiveModels } from '../live-models.ts';
import type { StaticModelStore } from './ports.ts';

/** Returns the new model's id. Throws `model_unavailable` for a missing or corrupt version. */
export async function switchStaticModel(
  models: LiveModels,
  store: StaticModelStore,
  version: string,
): Promise<{ modelId: string; following: boolean }> {
  const loaded = await store.load(version);
  await store.use(version);
  const following = models.follows('static');
  if (following) {
    await models.switchTo({ family: 'static', version: loaded.version, modelId: loaded.modelId });
  }
  return { modelId: loaded.modelId, following };
}
