/**
 * SQL conditions for search filters (categories, dates) and the author filter as FTS5 column
 * matches, for the statements of SqliteSearchIndex.
 */
import type { SearchFilters } from '../../core/search/query.ts';
import { quote } from './fts-query.ts';

export interface WhereSql {
  /** Extra JOIN clause (papers) when filters need it. */
  join: string;
  /** ` AND …` conditions. */
  sql: string;
  params: unknown[];
}

/** SQL for category and date filters (authors are matched by FTS5 in the MATCH expression). */
export function filterSql(filters: SearchFilters): WhereSql {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filters.categories.length > 0) {
    const any: string[] = [];
    for (const cat of filters.categories) {
      if (cat.endsWith('.*')) {
        const archive = cat.slice(0, -2);
        any.push('p.categories LIKE ? OR p.categories LIKE ?');
        params.push(`%"${archive}.%`, `%"${archive}"%`);
      } else {
        any.push('p.categories LIKE ?');
        params.push(`%"${cat}"%`);
      }
    }
    conditions.push(`(${any.join(' OR ')})`);
  }
  if (filters.from) {
    conditions.push('p.submitted_at >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    conditions.push('p.submitted_at < ?');
    params.push(dayAfter(filters.to));
  }
  const sql = conditions.map((c) => ` AND ${c}`).join('');
  return {
    join: conditions.length > 0 ? 'JOIN papers p ON p.id = d.paper_id' : '',
    sql,
    params,
  };
}

/** Author filter for queries that do not go through FTS5 MATCH (lists of ids). */
export function authorSql(filters: SearchFilters): string {
  return filters.authors
    .map(
      () =>
        ` AND p.id IN (SELECT d.paper_id FROM papers_fts f JOIN paper_docids d ON d.docid = f.rowid WHERE papers_fts MATCH ?)`,
    )
    .join('');
}

export function authorParams(filters: SearchFilters): string[] {
  return filters.authors.map((name) => `authors : (${name.split(' ').map(quote).join(' AND ')})`);
}

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
