/**
 * Include/exclude keywords of alerts (search syntax with AND/OR/NOT, core/search/keyword-filter.ts)
 * applied to their candidates before the picks are chosen: the papers of every alert that has
 * rules are read once per batch and matched against each alert's own expressions.
 */
import type { Logger } from '../logger.ts';
import type { Paper } from '../papers/model.ts';
import type { PaperRepo } from '../papers/ports.ts';
import { hasKeywordRules, keywordFilter } from '../search/keyword-filter.ts';
import type { Candidate, Subscription } from './model.ts';

/** A per-subscription predicate over candidates; alerts without rules keep everything. */
export async function keywordRules<D extends { subscription: Subscription }>(
  deps: { papers?: Pick<PaperRepo, 'getMany'>; log?: Logger },
  due: readonly D[],
  candidatesOf: (d: D) => Candidate[],
): Promise<(s: Subscription) => (c: Candidate) => boolean> {
  const ruled = due.filter(
    (d) => d.subscription.kind !== 'trending' && hasKeywordRules(d.subscription),
  );
  const all = () => true;
  if (ruled.length === 0 || !deps.papers) return () => all;
  const ids = [...new Set(ruled.flatMap((d) => candidatesOf(d).map((c) => c.paperId)))];
  const papers = new Map<string, Paper>((await deps.papers.getMany(ids)).map((p) => [p.id, p]));
  const filters = new Map<string, (p: Paper) => boolean>();
  for (const { subscription: s } of ruled) {
    try {
      filters.set(s.id, keywordFilter(s));
    } catch (error) {
      // Saved rules are checked when saved; one that no longer parses (the syntax changed)
      // sends nothing rather than everything, and says so — others' alerts go on.
      deps.log?.warn('alert keywords do not parse', { subscription: s.id, error });
      filters.set(s.id, () => false);
    }
  }
  return (s) => {
    const match = filters.get(s.id);
    if (!match) return all;
    return (c) => {
      const paper = papers.get(c.paperId);
      return paper !== undefined && match(paper);
    };
  };
}
