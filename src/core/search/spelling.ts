/**
 * "Did you mean …?" for query words no paper holds, from the store's own vocabulary: the index
 * offers terms near the word (spellingCandidates), the nearest by edit distance wins (ties to the
 * commoner), and it is shown as a word papers really use, not as a stem ("transformer", not
 * "transform"). Pure apart from those two reads; only asked when a word is unknown.
 */
import type { PaperRepo } from '../papers/ports.ts';
import { porterStem } from '../text/porter-stemmer.ts';
import type { SearchIndex } from './ports.ts';
import { noFilters, textWords } from './query.ts';

/** Candidates the index is asked for per word. */
const CANDIDATE_LIMIT = 5000;

export interface Suggestion {
  /** The word as typed (lower case). */
  word: string;
  /** A word the store's papers hold that is close to it, or null. */
  suggestion: string | null;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: an adjacent swap counts 1), giving up
 * with `max + 1` once every path is longer than `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let prevBest = 0;
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    cur[0] = i;
    let best = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur[j] = d;
      if (d < best) best = d;
    }
    // A cell depends on the two rows above (a swap reaches back two): once both exceed max,
    // every later one does.
    if (best > max && prevBest > max) return max + 1;
    prevBest = best;
    prev2 = prev;
    prev = cur;
  }
  return Math.min(prev[b.length] as number, max + 1);
}

/** Most edits a suggestion may be away: 1 for short words, 2 from five letters on. */
export function maxEdits(word: string): number {
  return word.length < 5 ? 1 : 2;
}

/**
 * Edits between a typed word and an index term (a stem): the fewer of comparing its stem, and
 * comparing its start with the term when the rest could be a suffix the stemmer took off
 * ("affinitty" starts like the stem "affin" of "affinity", whose own stem is "affinitti").
 */
export function stemDistance(word: string, term: string, max: number): number {
  const byStem = editDistance(porterStem(word), term, max);
  const rest = word.length - term.length;
  if (term.length < 4 || rest < 0 || rest > 4) return byStem;
  return Math.min(byStem, editDistance(word.slice(0, term.length), term, max));
}

/**
 * The best of `candidates` (index terms with document frequencies) for a typed word: the fewest
 * edits (within maxEdits), then the most papers, then alphabetical. Null if none.
 */
export function bestCandidate(
  word: string,
  candidates: { term: string; df: number }[],
): { term: string; df: number } | null {
  const max = maxEdits(word);
  const own = porterStem(word);
  let best: { term: string; df: number; d: number } | null = null;
  for (const c of candidates) {
    if (c.term === own) continue;
    const d = stemDistance(word, c.term, max);
    if (d > max) continue;
    if (
      !best ||
      d < best.d ||
      (d === best.d && (c.df > best.df || (c.df === best.df && c.term < best.term)))
    ) {
      best = { ...c, d };
    }
  }
  return best && { term: best.term, df: best.df };
}

/** Suggestions for each unknown word (lower case, as parsed). */
export async function suggestSpellings(
  index: SearchIndex,
  papers: PaperRepo,
  unknown: string[],
): Promise<Suggestion[]> {
  const out: Suggestion[] = [];
  for (const word of unknown) {
    const found = bestCandidate(word, await index.spellingCandidates(word, CANDIDATE_LIMIT));
    out.push({
      word,
      suggestion: found ? await surfaceForm(index, papers, found.term, word) : null,
    });
  }
  return out;
}

/** A word of a paper holding `term` whose stem is `term`, nearest to what was typed. */
async function surfaceForm(
  index: SearchIndex,
  papers: PaperRepo,
  term: string,
  typed: string,
): Promise<string> {
  const hits = await index.searchText({ words: [term], phrases: [], excluded: [] }, noFilters(), 3);
  const forms = new Map<string, number>();
  for (const p of await papers.getMany(hits.map((h) => h.id))) {
    for (const w of textWords(`${p.title} ${p.abstract}`)) {
      if (porterStem(w) === term) forms.set(w, (forms.get(w) ?? 0) + 1);
    }
  }
  let pick = term;
  let best = Number.POSITIVE_INFINITY;
  for (const [w, n] of forms) {
    const d = editDistance(typed, w) - n * 1e-3;
    if (d < best || (d === best && w < pick)) {
      pick = w;
      best = d;
    }
  }
  return pick;
}
