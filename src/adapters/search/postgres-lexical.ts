/**
 * What PostgreSQL needs to match and score a LexicalQuery as FTS5 does: the query as a tsquery
 * (lexemes are the core tokenizer's stems; columns are tsvector weights A title, B authors,
 * D abstract), filters as SQL, the corpus figures (row and token counts summed from the deltas
 * of `search_stats`) and each phrase's row count, and a row's positions of the query's stems
 * read back from its tsvector.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { CandidateDoc, StemPositions } from '../../core/search/bm25-score.ts';
import type { Column, LexicalQuery, Phrase } from '../../core/search/lexical-query.ts';
import type { SearchFilters } from '../../core/search/query.ts';
import type { Database } from '../db/schema.ts';

const WEIGHT: Record<Column, string> = { title: 'A', authors: 'B', abstract: 'D' };
const COLUMN_OF: Record<string, Column> = { A: 'title', B: 'authors', D: 'abstract' };

function lexeme(stem: string): string {
  return `'${stem.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** One phrase as tsquery text: consecutive lexemes (`<->`), each limited to its column's weight. */
export function phraseQuery(p: Phrase): string {
  const w = p.column ? `:${WEIGHT[p.column]}` : '';
  const parts = p.stems.map((s) => `${lexeme(s)}${w}`);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' <-> ')})`;
}

/** The whole query as tsquery text: required AND (one group) AND NOT (any excluded). */
export function tsquery(q: LexicalQuery): string {
  const parts = q.required.map(phraseQuery);
  if (q.anyOf.length > 0) {
    const groups = q.anyOf.map((g) =>
      g.length === 1 ? phraseQuery(g[0] as Phrase) : `(${g.map(phraseQuery).join(' & ')})`,
    );
    parts.push(`(${groups.join(' | ')})`);
  }
  if (q.excluded.length > 0) parts.push(`!(${q.excluded.map(phraseQuery).join(' | ')})`);
  return parts.join(' & ');
}

/** The author filter alone (every word of each name in the authors field), or null. */
export function authorQuery(authors: string[], stemsOf: (text: string) => string[]): string | null {
  const words = authors.flatMap((name) => name.split(' ').map((w) => stemsOf(w)));
  if (words.length === 0) return null;
  return words.map((stems) => phraseQuery({ stems, column: 'authors' })).join(' & ');
}

/** Category and date conditions on papers `p` (authors are matched in the tsquery). */
export function filterConditions(filters: SearchFilters): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (filters.categories.length > 0) {
    const any = filters.categories.map((cat) =>
      cat.endsWith('.*')
        ? sql`(p.categories LIKE ${`%"${cat.slice(0, -2)}.%`} OR p.categories LIKE ${`%"${cat.slice(0, -2)}"%`})`
        : sql`p.categories LIKE ${`%"${cat}"%`}`,
    );
    out.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  if (filters.from) out.push(sql`p.submitted_at >= ${filters.from}`);
  if (filters.to) out.push(sql`p.submitted_at < ${dayAfter(filters.to)}`);
  return out;
}

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Rows, tokens, and a version that changes with every write to `search_docs`. */
export async function corpusFigures(
  db: Kysely<Database>,
): Promise<{ docs: number; tokens: number; version: string }> {
  const row = await sql<{ docs: string | null; tokens: string | null; version: string | null }>`
    SELECT sum(docs) AS docs, sum(tokens) AS tokens, max(id) AS version FROM search_stats`.execute(
    db,
  );
  const r = row.rows[0];
  return {
    docs: Number(r?.docs ?? 0),
    tokens: Number(r?.tokens ?? 0),
    version: String(r?.version ?? 0),
  };
}

/** Most counts in one SELECT (PostgreSQL allows 1,664 entries in a target list). */
const COUNTS_PER_SELECT = 1000;

/**
 * Rows matching each tsquery, counted by GIN (exact): one round trip per COUNTS_PER_SELECT
 * queries (similar papers ask about every word of up to 400 candidates).
 */
export async function countMatches(db: Kysely<Database>, queries: string[]): Promise<number[]> {
  const out: number[] = [];
  for (let at = 0; at < queries.length; at += COUNTS_PER_SELECT) {
    const chunk = queries.slice(at, at + COUNTS_PER_SELECT);
    const cols = chunk.map(
      (q, i) =>
        sql`(SELECT count(*) FROM search_docs WHERE tsv @@ ${q}::tsquery) AS ${sql.ref(`c${i}`)}`,
    );
    const row = await sql<Record<string, string>>`SELECT ${sql.join(cols)}`.execute(db);
    const r = row.rows[0] ?? {};
    out.push(...chunk.map((_, i) => Number(r[`c${i}`] ?? 0)));
  }
  return out;
}

/**
 * A row's positions of the query's stems from `ts_delete`'s text output (`'stem':1A,5 …`;
 * weight D is not written). Positions are global with a gap between fields.
 */
export function candidateDoc(length: number, tsvText: string): CandidateDoc {
  const stems = new Map<string, StemPositions>();
  const entry = /'((?:[^'\\]|''|\\.)*)'(?::([0-9A-D,]+))?/g;
  for (const m of tsvText.matchAll(entry)) {
    const stem = (m[1] as string).replaceAll("''", "'").replace(/\\(.)/g, '$1');
    const positions: number[] = [];
    const columns: Column[] = [];
    for (const at of (m[2] ?? '').split(',')) {
      if (!at) continue;
      const last = at[at.length - 1] as string;
      const weighted = last >= 'A' && last <= 'D';
      positions.push(Number.parseInt(weighted ? at.slice(0, -1) : at, 10));
      columns.push(COLUMN_OF[weighted ? last : 'D'] ?? 'abstract');
    }
    stems.set(stem, { positions, columns });
  }
  return { length, stems };
}
