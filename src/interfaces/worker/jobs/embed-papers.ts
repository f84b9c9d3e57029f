/**
 * The embedding job: every 30 s, embed papers that are queued (new or changed) or have no vector
 * of the target model (first start, a model switch), in batches, with progress in the log. After a
 * switch the new model serves search once it covers the store; the old vectors go at the next run
 * (core/embeddings/live-models.ts). Search keeps answering meanwhile.
 */
import type { Container } from '../../../container.ts';
import type { Job } from '../../../core/jobs/model.ts';
import { createProgressFactory } from '../../cli/progress.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'embeddingQueue' | 'papers' | 'models'>;

export function embedPapersJob(container: Uses): Job | null {
  if (!container.models.serving()) return null;
  return {
    name: 'embed:papers',
    everyMs: 30_000,
    leaseMs: 5 * 60_000,
    async run({ log, signal }) {
      await container.models.step({
        queue: container.embeddingQueue,
        papers: container.papers,
        log,
        signal,
        progress: createProgressFactory(log, { isTTY: false } as NodeJS.WriteStream),
      });
      return undefined;
    },
  };
}
