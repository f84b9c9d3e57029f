/**
 * First-start seeding: when the store holds no papers, load the bundled demo corpus so a newcomer
 * sees a living site — with its precomputed vectors when they are for the model in use, so
 * meaning search answers at once instead of after minutes of embedding. Running it again on a
 * non-empty store does nothing.
 */

import type { EmbeddingQueue } from '../embeddings/ports.ts';
import { seedVectors } from '../embeddings/seed-vectors.ts';
import type { Logger } from '../logger.ts';
import type { PaperVector, VectorIndex } from '../search/ports.ts';
import { type ImportReport, summarizeImport } from './import-papers.ts';
import type { PaperRepo } from './ports.ts';

export interface SeedDemoInput {
  repo: PaperRepo;
  log: Logger;
  /** Imports the demo corpus (papers and their embedding-queue entries, page by page). */
  load: () => Promise<ImportReport>;
  /** The vector index in use, and the bundled vectors of a model (null when none ship). */
  vectors?: {
    index: VectorIndex;
    queue: EmbeddingQueue;
    read: (modelId: string) => { modelId: string; vectors: PaperVector[] } | null;
  };
}

/** Loads the demo corpus if the store is empty; returns the import report, or null if skipped. */
export async function seedDemo(input: SeedDemoInput): Promise<ImportReport | null> {
  if ((await input.repo.count()) > 0) return null;
  const started = Date.now();
  const report = await input.load();
  input.log.info('demo corpus loaded', {
    papers: report.inserted,
    rejected: report.rejected.length,
    ms: Date.now() - started,
    summary: summarizeImport(report),
    hint: 'start with --no-demo (or PAPERBOY_DEMO=false) on an empty store to skip it',
  });
  const vectors = input.vectors;
  const file = vectors?.read(vectors.index.modelId);
  if (vectors && file) {
    const stored = await seedVectors({
      modelId: file.modelId,
      vectors: file.vectors,
      index: vectors.index,
      papers: input.repo,
      queue: vectors.queue,
    });
    input.log.info('demo vectors loaded', { model: file.modelId, vectors: stored });
  }
  return report;
}
