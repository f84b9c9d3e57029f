/**
 * embedPending: the embedding job's work. Takes queued papers (new or changed) in batches, then
 * papers that have no vector of the current model yet (first start, or a model change), embeds
 * those whose text changed, stores their vectors and removes them from the queue. Search keeps
 * answering throughout; papers without a vector are found by keywords meanwhile.
 */
import type { Logger } from '../logger.ts';
import type { PaperRepo } from '../papers/ports.ts';
import type { ProgressFactory } from '../progress.ts';
import type { VectorIndex } from '../search/ports.ts';
import { documentText, textHash } from './document-text.ts';
import type { Embedder, EmbeddingQueue } from './ports.ts';

export interface EmbedPendingInput {
  queue: EmbeddingQueue;
  papers: PaperRepo;
  embedder: Embedder;
  vectors: VectorIndex;
  log: Logger;
  signal?: AbortSignal;
  progress?: ProgressFactory;
  /** Papers per embed call (default 64). */
  batchSize?: number;
  /** Stop after this many papers (default: until nothing is left). */
  max?: number;
  /**
   * Delete other models' vectors once every paper has one of this model (default true). The
   * switching job (live-models.ts) says false: it prunes only after the new model serves.
   */
  prune?: boolean;
}

export interface EmbedReport {
  embedded: number;
  /** Papers whose text was unchanged since their vector was computed. */
  unchanged: number;
  /** Vectors of older models deleted once every paper had one of the current model. */
  pruned: number;
}

/** Embeds until the queue and the backfill are empty (or `max`, or the signal aborts). */
export async function embedPending(input: EmbedPendingInput): Promise<EmbedReport> {
  const { queue, papers, embedder, vectors, log } = input;
  const batchSize = input.batchSize ?? 64;
  const report: EmbedReport = { embedded: 0, unchanged: 0, pruned: 0 };
  const todo = await countTodo(queue, vectors);
  if (todo === 0) return report;
  const progress = input.progress?.(`embedding (${embedder.modelId})`, todo);
  let done = 0;
  try {
    while (!input.signal?.aborted && (input.max === undefined || done < input.max)) {
      const fromQueue = await queue.peek(batchSize);
      const ids = fromQueue.length > 0 ? fromQueue : await vectors.missing(batchSize);
      if (ids.length === 0) break;
      const batch = await papers.getMany(ids);
      const hashes = await vectors.textHashes(ids);
      const stale = batch
        .map((paper) => ({ paper, text: documentText(paper) }))
        .map((d) => ({ ...d, hash: textHash(d.text) }))
        .filter((d) => hashes.get(d.paper.id) !== d.hash);
      if (stale.length > 0) {
        const vectorsOut = await embedder.embed(
          stale.map((d) => d.text),
          'document',
        );
        await vectors.put(
          stale.map((d, i) => ({
            paperId: d.paper.id,
            vector: vectorsOut[i] as Float32Array,
            textHash: d.hash,
          })),
        );
      }
      if (fromQueue.length > 0) await queue.remove(fromQueue);
      report.embedded += stale.length;
      report.unchanged += batch.length - stale.length;
      done += ids.length;
      progress?.advance(ids.length);
      if (fromQueue.length === 0 && stale.length === 0) break; // missing() returned unknown ids
    }
    const after = await vectors.coverage();
    if (input.prune !== false && after.embedded === after.papers)
      report.pruned = await vectors.pruneOtherModels();
    await vectors.sync();
  } finally {
    progress?.done(`${report.embedded} embedded, ${report.unchanged} unchanged`);
  }
  if (report.embedded > 0) log.info('papers embedded', { model: embedder.modelId, ...report });
  return report;
}

/**
 * Papers to go through: those without a vector of this model, plus queued papers that have one
 * (their text may have changed). A queued paper without a vector counts once, not twice.
 */
async function countTodo(queue: EmbeddingQueue, vectors: VectorIndex): Promise<number> {
  const { embedded, papers } = await vectors.coverage();
  const queued = await queue.size();
  if (queued === 0) return papers - embedded;
  let queuedWithVector = 0;
  const ids = await queue.peek(queued);
  for (let i = 0; i < ids.length; i += 500) {
    queuedWithVector += (await vectors.textHashes(ids.slice(i, i + 500))).size;
  }
  return papers - embedded + queuedWithVector;
}
