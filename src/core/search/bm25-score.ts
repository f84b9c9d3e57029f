/**
 * Exact BM25 of candidate documents for a lexical query, computed as SQLite FTS5's bm25() does
 * (fts5_aux.c): for every phrase of the expression, its column-weighted instance count f in the
 * row, idf from the rows holding the phrase, the row's token count over the average; summed in
 * expression order. An engine that can hand over a row's positions of the query's stems (and
 * the corpus figures) ranks exactly as FTS5 does — PostgreSQL from its tsvector.
 */
import { idfOf } from './impact-postings.ts';
import { COLUMN_WEIGHTS, type Column, type Phrase } from './lexical-query.ts';

const K1 = 1.2;
const B = 0.75;

/** Where one stem occurs in a document: positions ascending, each with its column. */
export interface StemPositions {
  positions: number[];
  columns: Column[];
}

/** A candidate document: its token count and the positions of the query's stems in it. */
export interface CandidateDoc {
  length: number;
  stems: Map<string, StemPositions>;
}

/** Column-weighted instance count of `phrase` in `doc` (consecutive positions, one column). */
export function phraseFrequency(doc: CandidateDoc, phrase: Phrase): number {
  const first = doc.stems.get(phrase.stems[0] as string);
  if (!first) return 0;
  const { positions, columns } = first;
  let f = 0;
  if (phrase.stems.length === 1) {
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as Column;
      if (phrase.column === null || column === phrase.column) f += COLUMN_WEIGHTS[column];
    }
    return f;
  }
  const rest: Set<number>[] = [];
  for (const stem of phrase.stems.slice(1)) {
    const at = doc.stems.get(stem);
    if (!at) return 0;
    rest.push(new Set(at.positions));
  }
  outer: for (let i = 0; i < positions.length; i++) {
    const column = columns[i] as Column;
    if (phrase.column !== null && column !== phrase.column) continue;
    const at = positions[i] as number;
    for (let k = 0; k < rest.length; k++) if (!rest[k]?.has(at + k + 1)) continue outer;
    f += COLUMN_WEIGHTS[column];
  }
  return f;
}

/** The corpus figures BM25 needs: rows, their mean length, and each phrase's row count. */
export interface PhraseStats {
  docs: number;
  avgLength: number;
  /** Rows holding each scored phrase, in the same order. */
  hits: number[];
}

/** FTS5's bm25 (higher is better) of `doc` for `phrases` (the query's scored phrases). */
export function bm25Score(doc: CandidateDoc, phrases: Phrase[], stats: PhraseStats): number {
  let score = 0;
  phrases.forEach((phrase, i) => {
    const f = phraseFrequency(doc, phrase);
    if (f === 0) return;
    const idf = idfOf(stats.docs, stats.hits[i] as number);
    // FTS5's order of operations, so equal scores stay equal (ties are broken by paper id).
    score += idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * doc.length) / stats.avgLength)));
  });
  return score;
}
