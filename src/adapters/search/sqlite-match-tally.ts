/**
 * Which key terms each matching paper holds, from FTS5: one MATCH per term over the same
 * constraints as the query (phrases, exclusions, filters), collecting each paper's term bits.
 * Used where the impact index does not answer (FTS5 plans, papers newer than the index); only
 * run when the terms' matches are few (within the ranking budget), so it reads what ranking read.
 */
import type { Prepare } from '../db/sqlite/statement-cache.ts';
import { authorExpr, excludedExpr, phraseExpr, quote } from './fts-query.ts';
import type { WhereSql } from './sqlite-search-filters.ts';

/** Most papers counted for a query with phrases but no loose words. */
const PHRASE_COUNT_CAP = 10_000;

export interface TallyQuery {
  terms: string[];
  bits: number[];
  phrases: string[][];
  excluded: string[][];
  authors: string[];
}

/** Paper id → key-term bits, for every paper matching the query's constraints and a term. */
export function maskByPaper(sql: Prepare, q: TallyQuery, where: WhereSql): Map<string, number> {
  const out = new Map<string, number>();
  const rows = (expr: string, limit: number) =>
    sql(
      `SELECT d.paper_id FROM papers_fts f JOIN paper_docids d ON d.docid = f.rowid ${where.join}
       WHERE papers_fts MATCH ? ${where.sql} LIMIT ?`,
    )
      .pluck()
      .all(expr, ...where.params, limit) as string[];
  if (q.terms.length === 0) {
    const expr = requiring(q, null);
    if (expr) for (const id of rows(expr, PHRASE_COUNT_CAP)) out.set(id, 0);
    return out;
  }
  q.terms.forEach((term, i) => {
    const bit = q.bits[i] ?? 0;
    for (const id of rows(requiring(q, term) as string, -1)) out.set(id, (out.get(id) ?? 0) | bit);
  });
  return out;
}

/** The query's requirements (phrases, authors, no excluded words) and `term`, as one MATCH. */
function requiring(q: TallyQuery, term: string | null): string | null {
  const parts = q.phrases.map(phraseExpr);
  const authors = authorExpr(q.authors);
  if (authors) parts.push(authors);
  if (term !== null) parts.push(quote(term));
  if (parts.length === 0) return null;
  const not = excludedExpr(q.excluded);
  return not ? `(${parts.join(' AND ')}) NOT (${not})` : parts.join(' AND ');
}

/** Docid → key-term bits for papers matching a term under an extra rowid condition. */
export function maskByDocid(
  sql: Prepare,
  terms: string[],
  bits: number[],
  condition: string,
  params: unknown[],
): Map<number, number> {
  const out = new Map<number, number>();
  terms.forEach((term, i) => {
    const bit = bits[i] ?? 0;
    const expr = quote(term);
    const docids = sql(`SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? ${condition}`)
      .pluck()
      .all(expr, ...params) as number[];
    for (const d of docids) out.set(d, (out.get(d) ?? 0) | bit);
  });
  return out;
}
