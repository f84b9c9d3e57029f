/**
 * Similar papers (nearest neighbours of a paper's stored vector) and "search by abstract" (the
 * nearest neighbours of a pasted text). Without vectors for the paper yet, they fall back to a
 * keyword search on its title so the section is never empty for a reason the reader cannot see.
 */
import { createError } from '../errors.ts';
import type { Paper } from '../papers/model.ts';
import { noFilters, wordsOf } from './query.ts';
import type { SearchDeps } from './search-papers.ts';

/** Longest pasted text accepted by similarToText, in characters. */
export const MAX_PASTED_TEXT = 10_000;

export interface SimilarPaper {
  paper: Paper;
  /** Cosine similarity (semantic) or normalised BM25 (keyword fallback), higher is better. */
  score: number;
  matchedBy: 'semantic' | 'keyword';
}

/** The papers most similar to `paperId`, excluding itself. Throws `paper_not_found`. */
export async function similarPapers(
  deps: SearchDeps,
  paperId: string,
  limit: number,
): Promise<SimilarPaper[]> {
  const paper = await deps.papers.get(paperId);
  if (!paper) throw createError('paper_not_found', paperId);
  const vector = (await deps.vectors?.get(paperId)) ?? null;
  if (vector && deps.vectors) {
    const near = (await deps.vectors.search(vector, limit + 1)).filter((h) => h.id !== paperId);
    return load(deps, near.slice(0, limit), 'semantic');
  }
  return keywordFallback(deps, `${paper.title}`, limit, paperId);
}

/** Papers nearest in meaning to a pasted text (an abstract, a paragraph). Throws `invalid_query`. */
export async function similarToText(
  deps: SearchDeps,
  text: string,
  limit: number,
): Promise<SimilarPaper[]> {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw createError('invalid_query', 'the pasted text is empty.');
  if (trimmed.length > MAX_PASTED_TEXT) {
    throw createError(
      'invalid_query',
      `the pasted text is ${trimmed.length} characters; the limit is ${MAX_PASTED_TEXT}. Paste the abstract only.`,
    );
  }
  if (deps.embedder && deps.vectors) {
    try {
      const [vector] = await deps.embedder.embed([trimmed], 'document');
      if (vector) return load(deps, await deps.vectors.search(vector, limit), 'semantic');
    } catch (error) {
      deps.log.warn('similar-to-text fell back to keywords', { error });
    }
  }
  return keywordFallback(deps, trimmed, limit, null);
}

async function keywordFallback(
  deps: SearchDeps,
  text: string,
  limit: number,
  exclude: string | null,
): Promise<SimilarPaper[]> {
  const words = wordsOf(text).slice(0, 32);
  if (words.length === 0) return [];
  const hits = await deps.index.searchText(
    { words, phrases: [], excluded: [] },
    noFilters(),
    limit + 1,
  );
  const top = hits[0]?.score ?? 1;
  const kept = hits.filter((h) => h.id !== exclude).slice(0, limit);
  return load(
    deps,
    kept.map((h) => ({ id: h.id, score: h.score / top })),
    'keyword',
  );
}

async function load(
  deps: SearchDeps,
  hits: { id: string; score: number }[],
  matchedBy: SimilarPaper['matchedBy'],
): Promise<SimilarPaper[]> {
  const papers = new Map((await deps.papers.getMany(hits.map((h) => h.id))).map((p) => [p.id, p]));
  return hits.flatMap((h) => {
    const paper = papers.get(h.id);
    return paper ? [{ paper, score: h.score, matchedBy }] : [];
  });
}
