/**
 * Similar papers in `npm run eval`: every query paper of the development set (similar-set.ts)
 * through the production `similarPapers`, beside a plain BM25 baseline (the whole title +
 * abstract as one OR query, each distinct word once, stop words dropped) run by the same index.
 * nDCG@10 and Recall@100 per half; for the report half, a paired bootstrap 95% interval of
 * each variant's nDCG@10 minus the baseline's.
 */

import { noFilters, textWords } from '../../src/core/search/query.ts';
import type { SearchDeps } from '../../src/core/search/search-papers.ts';
import { type SimilarTuning, similarFusion } from '../../src/core/search/similar-defaults.ts';
import { similarPapers } from '../../src/core/search/similar-papers.ts';
import type { EvalSet } from './datasets.ts';
import { bootstrapDiff, mean, ndcgAt, recallAt } from './metrics.ts';
import { type Half, type SimilarQuery, similarQueries } from './similar-set.ts';

export interface SimilarRow {
  set: string;
  half: Half;
  variant: string;
  queries: number;
  ndcg10: number;
  recall100: number;
  /** Report half: nDCG@10 minus the baseline's, with its 95% bootstrap interval. */
  diff: { mean: number; low: number; high: number } | null;
}

interface SimilarVariant {
  name: string;
  run: (q: SimilarQuery) => Promise<string[]>;
}

const BASELINE = 'BM25 (title + abstract as the query)';

/** Runs the baseline and the similar-papers variants on `set`; `grid` adds the tuning grid. */
export async function evaluateSimilar(
  set: EvalSet,
  deps: SearchDeps,
  grid: boolean,
): Promise<SimilarRow[]> {
  const queries = similarQueries(set);
  if (queries.length === 0) return [];
  const docs = new Map(set.docs.map((d) => [d.id, d]));
  const baseline: SimilarVariant = {
    name: BASELINE,
    run: async (q) => {
      const d = docs.get(q.id);
      const words = textWords(`${d?.title ?? ''} ${d?.text ?? ''}`);
      const hits = await deps.index.searchText(
        { words, phrases: [], excluded: [] },
        noFilters(),
        101,
      );
      return hits.map((h) => h.id).filter((id) => id !== q.id);
    },
  };
  const similar = (name: string, tuning: Partial<SimilarTuning>): SimilarVariant => ({
    name,
    run: async (q) =>
      (await similarPapers(deps, q.id, { limit: 100, tuning })).hits.map((h) => h.paper.id),
  });
  /** What shipped before the whole-text side: key terms fused with vectors at w = 0.5. */
  const before = { textWeight: 0, feedbackDocs: 0 };
  const variants: SimilarVariant[] = [
    baseline,
    similar('before: key terms only', { ...before, vectorWeight: 0 }),
    similar('key terms + text side (no vectors)', { vectorWeight: 0 }),
  ];
  if (deps.vectors) {
    const shipped = similarFusion(deps.vectors.modelId);
    variants.push(similar('vector only', { ...before, vectorWeight: 1 }));
    variants.push(
      similar('before: hybrid (w=0.5, no text side)', { ...before, vectorWeight: 0.5 }),
    );
    variants.push(similar('text side, no feedback', { feedbackDocs: 0 }));
    variants.push(similar(`shipped (vector ${shipped}, text 0.5, feedback 5:1)`, {}));
  }
  if (grid) {
    // Around the shipped setting: vector × text weight at feedback 5, then feedback alone.
    for (const w of deps.vectors ? [0.2, 0.3, 0.4] : [0]) {
      for (const textWeight of [0.4, 0.5, 0.6]) {
        variants.push(
          similar(`w=${w} text=${textWeight} feedback=5:1`, { vectorWeight: w, textWeight }),
        );
      }
    }
    for (const feedbackDocs of [0, 3, 10]) {
      variants.push(similar(`text=0.5 feedback=${feedbackDocs}:1`, { feedbackDocs }));
    }
    variants.push(similar('text=0.5 feedback=5:0.5', { feedbackWeight: 0.5 }));
  }
  const rows: SimilarRow[] = [];
  const perQuery = new Map<string, Map<Half, number[]>>();
  for (const v of variants) {
    const ndcg = new Map<Half, number[]>([
      ['tune', []],
      ['report', []],
    ]);
    const recall = new Map<Half, number[]>([
      ['tune', []],
      ['report', []],
    ]);
    for (const q of queries) {
      const ranked = await v.run(q);
      ndcg.get(q.half)?.push(ndcgAt(ranked, q.relevant, 10));
      recall.get(q.half)?.push(recallAt(ranked, q.relevant, 100));
    }
    perQuery.set(v.name, ndcg);
    for (const half of ['tune', 'report'] as const) {
      const base = perQuery.get(BASELINE)?.get(half) ?? [];
      const mine = ndcg.get(half) ?? [];
      rows.push({
        set: set.name,
        half,
        variant: v.name,
        queries: mine.length,
        ndcg10: mean(mine),
        recall100: mean(recall.get(half) ?? []),
        diff: half === 'report' && v.name !== BASELINE ? bootstrapDiff(mine, base) : null,
      });
    }
  }
  return rows;
}

/** The rows as a markdown table. */
export function similarTable(rows: SimilarRow[]): string {
  const lines = [
    '| set | half | variant | queries | nDCG@10 | Recall@100 | Δ nDCG@10 vs BM25 [95% CI] |',
    '| --- | --- | --- | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const diff = r.diff
      ? `${signed(r.diff.mean)} [${signed(r.diff.low)}, ${signed(r.diff.high)}]`
      : '';
    lines.push(
      `| ${r.set} | ${r.half} | ${r.variant} | ${r.queries} | ${r.ndcg10.toFixed(3)} | ${r.recall100.toFixed(3)} | ${diff} |`,
    );
  }
  return lines.join('\n');
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
}
