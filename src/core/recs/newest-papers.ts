/**
 * The papers For you ranks from, read once for all the readers of a run (a digest run; a page
 * reads its own): the newest stored papers (each reader's candidates and background come from
 * them), their unit vectors as readers need them, and the day's BM25 index and word table.
 */
import type { Paper } from '../papers/model.ts';
import type { PaperRepo } from '../papers/ports.ts';
import type { VectorIndex } from '../search/ports.ts';
import { unit } from './features.ts';
import { ForYouDay } from './for-you-day.ts';

/** Most new papers looked at. */
export const MAX_CANDIDATES = 2000;
/** Older papers the model contrasts the library with, and relevance is measured against. */
export const BACKGROUND = 300;

export interface NewestPapers {
  /** Newest first. */
  papers: Paper[];
  day: ForYouDay;
  /** Unit vectors of `ids` that have one (read once per paper, then kept). */
  vectorsOf(ids: string[]): Promise<Map<string, Float32Array>>;
}

export async function loadNewestPapers(deps: {
  papers: PaperRepo;
  vectors: VectorIndex | null;
}): Promise<NewestPapers> {
  const papers = await deps.papers.listByPublished(null, MAX_CANDIDATES + BACKGROUND);
  const inDay = new Set(papers.map((p) => p.id));
  /** The day's vectors, kept for the next reader (others are read per reader). */
  const known = new Map<string, Float32Array | null>();
  let day: ForYouDay | undefined;
  return {
    papers,
    // Built on first use: a cold start (no library) ranks without it.
    get day() {
      day ??= new ForYouDay(papers);
      return day;
    },
    async vectorsOf(ids) {
      const missing = ids.filter((id) => !known.has(id));
      const read =
        deps.vectors && missing.length > 0 ? await deps.vectors.vectorsOf(missing) : new Map();
      const out = new Map<string, Float32Array>();
      for (const id of ids) {
        let v = known.get(id);
        if (v === undefined) {
          const stored = read.get(id);
          v = stored ? unit(stored) : null;
          if (inDay.has(id)) known.set(id, v);
        }
        if (v) out.set(id, v);
      }
      return out;
    },
  };
}
