/**
 * For you as an email digest (subscription kind `for-you`): each reader's newest papers ranked
 * from their library by recommendForReader, kept when at or above the reader's own relevance
 * threshold (their settings: "fewer, more relevant" ↔ "more") or by an author they follow. An
 * empty library sends nothing. The newest papers, their vectors and their BM25 index are read and
 * built once for all readers.
 */
import type { Candidate, TimeWindow } from '../digests/model.ts';
import type { ForYouSource } from '../digests/ports.ts';
import { loadNewestPapers } from './newest-papers.ts';
import { passesThreshold } from './preview-for-you.ts';
import { type ForYouDeps, recommendForReader } from './recommend-for-reader.ts';

const DAY_MS = 86_400_000;

export function forYouDigestSource(deps: ForYouDeps): ForYouSource {
  return {
    async forReaders(userIds: string[], window: TimeWindow, limit: number) {
      const days = Math.min(
        7,
        Math.max(1, Math.ceil((window.until.getTime() - window.since.getTime()) / DAY_MS)),
      );
      const out = new Map<string, Candidate[]>();
      if (userIds.length === 0) return out;
      const newest = await loadNewestPapers(deps);
      for (const userId of userIds) {
        const [result, settings] = await Promise.all([
          recommendForReader(deps, userId, { days, limit: limit * 3 }, newest),
          deps.library.settings(userId),
        ]);
        if (result.coldStart) {
          out.set(userId, []);
          continue;
        }
        out.set(
          userId,
          result.items
            .filter((i) => passesThreshold(i, settings.threshold))
            .slice(0, limit)
            .map((i) => ({
              paperId: i.paper.id,
              score: i.relevance ?? 0,
              addedAt: i.paper.submittedAt ?? i.paper.provenance.fetchedAt,
            })),
        );
      }
      return out;
    },
  };
}
