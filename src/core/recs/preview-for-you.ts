/**
 * For you's digest rule and its preview: a paper is mailed when its relevance reaches the
 * reader's threshold or it is by an author they follow (a follow asks for every paper). The
 * preview shows what yesterday's digest (the newest day) would have held at a threshold and
 * keywords the reader is trying, chosen as the digest chooses (digests/select-digest.ts).
 */

import { selectPicks } from '../digests/select-digest.ts';
import type { Paper } from '../papers/model.ts';
import type { KeywordRules } from '../search/keyword-filter.ts';
import { type ForYouDeps, type ForYouItem, recommendForReader } from './recommend-for-reader.ts';

/** True when a For-you item goes in the reader's digest at `threshold` (0–1). */
export function passesThreshold(item: ForYouItem, threshold: number): boolean {
  return item.followedAuthors.length > 0 || (item.relevance ?? 0) >= threshold;
}

export interface ForYouPreview {
  threshold: number;
  papers: { paper: Paper; score: number }[];
}

/** Yesterday's For-you digest for `userId` at this setting (`limit`: the alert size). */
export async function previewForYouDigest(
  deps: ForYouDeps,
  userId: string,
  setting: KeywordRules & { threshold: number },
  limit: number,
): Promise<ForYouPreview> {
  const result = await recommendForReader(deps, userId, {
    days: 1,
    limit: limit * 3,
    rules: setting,
  });
  if (result.coldStart) return { threshold: setting.threshold, papers: [] };
  const items = result.items.filter((i) => passesThreshold(i, setting.threshold));
  const byId = new Map(items.map((i) => [i.paper.id, i.paper]));
  const picks = selectPicks(
    items.map((i) => ({ paperId: i.paper.id, score: i.relevance ?? 0, addedAt: '' })),
    new Set(),
    { limit },
  );
  return {
    threshold: setting.threshold,
    papers: picks.flatMap((p) => {
      const paper = byId.get(p.paperId);
      return paper ? [{ paper, score: p.score }] : [];
    }),
  };
}
