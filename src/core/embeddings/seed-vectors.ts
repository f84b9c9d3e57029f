/**
 * seedVectors: stores precomputed vectors (the demo corpus ships with them for the default model)
 * for papers whose text still matches, and takes those papers off the embedding queue — so the
 * first start answers semantic queries at once instead of embedding for minutes.
 */
import type { PaperRepo } from '../papers/ports.ts';
import type { PaperVector, VectorIndex } from '../search/ports.ts';
import { documentText, textHash } from './document-text.ts';
import type { EmbeddingQueue } from './ports.ts';

/** Returns how many vectors were stored. Vectors of another model or of changed text are skipped. */
export async function seedVectors(input: {
  modelId: string;
  vectors: PaperVector[];
  index: VectorIndex;
  papers: PaperRepo;
  queue: EmbeddingQueue;
}): Promise<number> {
  if (input.modelId !== input.index.modelId) return 0;
  const current = new Map(
    (await input.papers.getMany(input.vectors.map((v) => v.paperId))).map((p) => [
      p.id,
      textHash(documentText(p)),
    ]),
  );
  const fresh = input.vectors.filter((v) => current.get(v.paperId) === v.textHash);
  await input.index.put(fresh);
  await input.queue.remove(fresh.map((v) => v.paperId));
  return fresh.length;
}
