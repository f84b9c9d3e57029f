/**
 * The search index on PostgreSQL — not built yet: keyword search over PostgreSQL arrives with
 * the next release ("Scale-out, part 2"). Until then every search answers with a clear error
 * instead of a wrong or empty result; everything else works on PostgreSQL.
 */
import { createError } from '../../core/errors.ts';
import type {
  Highlight,
  HighlightSource,
  PaperSignals,
  SearchIndex,
  TextHit,
  TextQuery,
} from '../../core/search/ports.ts';
import type { SearchFilters } from '../../core/search/query.ts';

export class PostgresSearchIndex implements SearchIndex {
  async searchText(_q: TextQuery, _f: SearchFilters, _limit: number): Promise<TextHit[]> {
    throw unavailable();
  }

  async keepMatching(_ids: string[], _f: SearchFilters, _x: string[][]): Promise<string[]> {
    throw unavailable();
  }

  async listFiltered(_f: SearchFilters, _limit: number): Promise<string[]> {
    throw unavailable();
  }

  async signals(_ids: string[]): Promise<Map<string, PaperSignals>> {
    throw unavailable();
  }

  async highlight(_p: HighlightSource[], _q: TextQuery): Promise<Map<string, Highlight>> {
    throw unavailable();
  }
}

function unavailable() {
  return createError(
    'not_available',
    'search on PostgreSQL comes with the next release; on this instance use the daily, trending and author pages meanwhile (or run paperboy on SQLite)',
  );
}
