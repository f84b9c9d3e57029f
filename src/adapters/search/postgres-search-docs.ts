/**
 * PostgreSQL's half of keeping search in step with papers (FTS5's triggers do it on SQLite):
 * each paper's `search_docs` row — its token count and a tsvector of the core FTS5 tokenizer's
 * stems with positions per field (title A, authors B, abstract D) — written in the paper's own
 * transaction by the paper write path, and all at once by migration 0207 or a repair.
 */
import { type Kysely, sql } from 'kysely';
import { forEachToken, stemToken } from '../../core/text/fts5-tokenizer.ts';
import { engineOf } from '../db/migrations/engine.ts';
import type { Database } from '../db/schema.ts';

/** The texts FTS5 indexes for a paper (authors as stored: a JSON array). */
export interface SearchText {
  id: string;
  title: string;
  abstract: string;
  /** The stored authors column (JSON text). */
  authors: string;
}

/** PostgreSQL caps a lexeme at 256 positions and a position at 16,383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16_383;
/** Longest lexeme PostgreSQL takes (bytes); longer tokens are left out of the tsvector. */
const MAX_LEXEME_BYTES = 2046;

/** Tsvector weights of the fields, in position order (a gap of one between fields). */
const FIELDS = [
  ['title', 'A'],
  ['authors', 'B'],
  ['abstract', ''],
] as const;

/** The tsvector (text form) and token count of a paper's texts. */
export function searchDoc(text: SearchText): { tsv: string; length: number } {
  const lexemes = new Map<string, string[]>();
  let position = 0;
  let length = 0;
  for (const [field, weight] of FIELDS) {
    forEachToken(text[field], (token) => {
      length++;
      position++;
      const stem = stemToken(token);
      const list = lexemes.get(stem);
      const at = `${Math.min(position, MAX_POSITION)}${weight}`;
      if (!list) lexemes.set(stem, [at]);
      else if (list.length < MAX_POSITIONS) list.push(at);
    });
    position++; // phrases never span two fields
  }
  const parts: string[] = [];
  for (const [stem, at] of lexemes) {
    if (Buffer.byteLength(stem) > MAX_LEXEME_BYTES) continue;
    parts.push(`'${stem.replaceAll('\\', '\\\\').replaceAll("'", "''")}':${at.join(',')}`);
  }
  return { tsv: parts.join(' '), length };
}

const ROWS_PER_INSERT = 500;

/**
 * Writes (or rewrites) the search rows of `papers` inside the caller's transaction; nothing on
 * SQLite, where FTS5's triggers index papers. A changed paper keeps its docid; new papers get
 * docids in the order given (as FTS5's triggers number them).
 */
export async function indexPapersForSearch(
  db: Kysely<Database>,
  papers: SearchText[],
): Promise<void> {
  if (papers.length === 0 || engineOf(db as unknown as Kysely<unknown>) !== 'postgres') return;
  for (let i = 0; i < papers.length; i += ROWS_PER_INSERT) {
    const rows = papers.slice(i, i + ROWS_PER_INSERT).map((p) => ({ id: p.id, ...searchDoc(p) }));
    await sql`
      INSERT INTO search_docs (paper_id, length, tsv)
      SELECT e.v->>'id', (e.v->>'length')::integer, (e.v->>'tsv')::tsvector
      FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS e(v, n)
      ORDER BY e.n
      ON CONFLICT (paper_id) DO UPDATE SET length = excluded.length, tsv = excluded.tsv`.execute(
      db,
    );
  }
}

/** Indexes every paper that has no search row yet (migration 0207; repairs). Returns how many. */
export async function indexAllPapers(db: Kysely<Database>): Promise<number> {
  let count = 0;
  for (;;) {
    const rows = await sql<SearchText>`
      SELECT p.id, p.title, p.abstract, p.authors FROM papers p
      WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.paper_id = p.id)
      ORDER BY p.created_at, p.id LIMIT 2000`.execute(db);
    if (rows.rows.length === 0) return count;
    await indexPapersForSearch(db, rows.rows);
    count += rows.rows.length;
  }
}
