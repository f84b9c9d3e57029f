/**
 * The embedding job: every 30 s, embed papers that are queued (new or changed) or have no vector
 * of the current model (first start, model change), in batches, with progress in the log.
 * Search keeps answering meanwhile.
 */
import type { Container } from '../../../container.ts';
import { embedPending } from '../../../core/embeddings/embed-papers.ts';
import type { Job } from '../../../core/jobs/model.ts';
import { createProgressFactory } from '../../cli/progress.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'embeddingQueue' | 'papers' | 'search'>;

export function embedPapersJob(container: Uses): Job | null {
  const { embedder, vectors } = container.search;
  if (!embedder || !vectors) return null;
  return {
    name: 'embed:papers',
    everyMs: 30_000,
    leaseMs: 5 * 60_000,
    async run({ log, signal }) {
      await embedPending({
        queue: container.embeddingQueue,
        papers: container.papers,
        embedder,
        vectors,
        log,
        signal,
        progress: createProgressFactory(log, { isTTY: false } as NodeJS.WriteStream),
      });
      return undefined;
    },
  };
}
