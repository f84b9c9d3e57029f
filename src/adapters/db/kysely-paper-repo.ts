/**
 * PaperRepo over Kysely. The queries are dialect-neutral (SQLite and PostgreSQL), so one
 * implementation serves both stores; engine-specific work (full-text, vectors) lives elsewhere.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import { mergePaper } from '../../core/papers/merge-paper.ts';
import type { Paper } from '../../core/papers/model.ts';
import type {
  DayRange,
  FeaturedOptions,
  FeaturedPaper,
  Page,
  PageRequest,
  PaperBrief,
  PaperRepo,
  PublishedCursor,
  UpsertOutcome,
} from '../../core/papers/ports.ts';
import { indexPapersForSearch } from '../search/postgres-search-docs.ts';
import { type ColumnTypes, insertRows } from './insert-rows.ts';
import { writePaperAuthors } from './paper-author-rows.ts';
import { readPaperListings, writePaperListings } from './paper-listing-rows.ts';
import { fromPaperRow, toPaperRow } from './paper-rows.ts';
import type { Database, PapersTable } from './schema.ts';
import { transact } from './transact.ts';

/** SQLite's default limit on bound parameters is 32766; stay far below it. */
const ID_CHUNK = 500;

export class KyselyPaperRepo implements PaperRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async upsertMany(papers: Paper[]): Promise<UpsertOutcome> {
    if (papers.length === 0) return { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
    const now = this.clock.now().toISOString();
    return transact(this.db, (trx) => upsertPapersIn(trx, papers, now));
  }

  async get(id: string): Promise<Paper | null> {
    return (await loadPapers(this.db, [id]))[0] ?? null;
  }

  async getMany(ids: string[]): Promise<Paper[]> {
    const byId = new Map((await loadPapers(this.db, unique(ids))).map((p) => [p.id, p]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async brief(id: string): Promise<PaperBrief | null> {
    const row = await this.db
      .selectFrom('papers')
      .select(['id', 'submitted_at', 'upvotes'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { id: row.id, submittedAt: row.submitted_at, upvotes: row.upvotes } : null;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listAfter(afterId: string | null, limit: number): Promise<Paper[]> {
    let query = this.db.selectFrom('papers').select('id').orderBy('id').limit(limit);
    if (afterId !== null) query = query.where('id', '>', afterId);
    const ids = (await query.execute()).map((r) => r.id);
    return this.getMany(ids);
  }

  async listByPublished(after: PublishedCursor | null, limit: number): Promise<Paper[]> {
    const ids: string[] = [];
    if (after === null || after.submittedAt !== null) {
      let dated = this.db
        .selectFrom('papers')
        .select('id')
        .where('submitted_at', 'is not', null)
        .orderBy('submitted_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      if (after?.submittedAt) {
        const at = after.submittedAt;
        dated = dated.where((eb) =>
          eb.or([
            eb('submitted_at', '<', at),
            eb.and([eb('submitted_at', '=', at), eb('id', '<', after.id)]),
          ]),
        );
      }
      ids.push(...(await dated.execute()).map((r) => r.id));
    }
    if (ids.length < limit) {
      let undated = this.db
        .selectFrom('papers')
        .select('id')
        .where('submitted_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(limit - ids.length);
      if (after && after.submittedAt === null) undated = undated.where('id', '<', after.id);
      ids.push(...(await undated.execute()).map((r) => r.id));
    }
    return this.getMany(ids);
  }

  async listFeatured(
    range: DayRange,
    page: PageRequest,
    options: FeaturedOptions = {},
  ): Promise<Page<FeaturedPaper>> {
    let base = this.db
      .selectFrom('featured_days as f')
      .innerJoin('papers as p', 'p.id', 'f.paper_id')
      // Local upvotes (community layer, paper_stats) add to the imported baseline.
      .leftJoin('paper_stats as s', 's.paper_id', 'f.paper_id')
      .where('f.day', '>=', range.from)
      .where('f.day', '<=', range.to);
    const { submitter } = options;
    if (submitter !== undefined) {
      base = base.where((eb) =>
        eb.or([
          eb('p.submitted_by', '=', submitter),
          eb(
            'f.paper_id',
            'in',
            eb
              .selectFrom('submissions as sub')
              .innerJoin('users as u', 'u.id', 'sub.user_id')
              .select('sub.paper_id')
              .where('u.handle', '=', submitter),
          ),
        ]),
      );
    }
    const first =
      options.order === 'trending'
        ? sql`coalesce(s.score, 0)`
        : sql`p.upvotes + coalesce(s.upvotes, 0)`;
    const [rows, total] = await Promise.all([
      base
        .select(['f.paper_id', 'f.day', 'f.rank'])
        .orderBy(first, 'desc')
        .orderBy('f.day', 'desc')
        // Unranked entries after ranked ones; both engines told (SQLite sorts NULL first by default).
        .orderBy('f.rank', (ob) => ob.asc().nullsLast())
        .orderBy('f.paper_id', 'asc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const papers = new Map(
      (
        await loadPapers(
          this.db,
          rows.map((r) => r.paper_id),
        )
      ).map((p) => [p.id, p]),
    );
    const items = rows.flatMap((r) => {
      const paper = papers.get(r.paper_id);
      return paper ? [{ paper, day: r.day, rank: r.rank }] : [];
    });
    return { items, total: Number(total.n) };
  }

  async latestFeaturedDay(): Promise<string | null> {
    const row = await this.db
      .selectFrom('featured_days')
      .select((eb) => eb.fn.max('day').as('day'))
      .executeTakeFirst();
    return row?.day ?? null;
  }

  async adjacentFeaturedDays(
    day: string,
  ): Promise<{ previous: string | null; next: string | null }> {
    const [previous, next] = await Promise.all([
      this.db
        .selectFrom('featured_days')
        .select((eb) => eb.fn.max('day').as('day'))
        .where('day', '<', day)
        .executeTakeFirst(),
      this.db
        .selectFrom('featured_days')
        .select((eb) => eb.fn.min('day').as('day'))
        .where('day', '>', day)
        .executeTakeFirst(),
    ]);
    return { previous: previous?.day ?? null, next: next?.day ?? null };
  }
}

type Db = Kysely<Database> | Transaction<Database>;

async function loadPapers(db: Db, ids: string[]): Promise<Paper[]> {
  const out: Paper[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const chunk = ids.slice(i, i + ID_CHUNK);
    if (chunk.length === 0) continue;
    const [rows, versions, days, listings] = await Promise.all([
      db.selectFrom('papers').selectAll().where('id', 'in', chunk).execute(),
      db.selectFrom('paper_versions').selectAll().where('paper_id', 'in', chunk).execute(),
      db.selectFrom('featured_days').selectAll().where('paper_id', 'in', chunk).execute(),
      readPaperListings(db, chunk),
    ]);
    const versionsOf = groupBy(versions, (v) => v.paper_id);
    const daysOf = groupBy(days, (d) => d.paper_id);
    for (const row of rows) {
      out.push(
        fromPaperRow(
          row,
          versionsOf.get(row.id) ?? [],
          daysOf.get(row.id) ?? [],
          listings.get(row.id) ?? null,
        ),
      );
    }
  }
  return out;
}

/**
 * Merges `papers` into the store inside the caller's transaction (see mergePaper); papers whose
 * merge changes nothing are counted as unchanged and not written. Writes are multi-row statements
 * (one upsert of the papers rows, then their versions and featured days), so a batch costs a
 * handful of statements instead of several per paper.
 */
export async function upsertPapersIn(
  trx: Transaction<Database>,
  papers: Paper[],
  now: string,
): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
  const stored = new Map(
    (await loadPapers(trx, unique(papers.map((p) => p.id)))).map((p) => [p.id, p]),
  );
  const next = new Map<string, Paper>();
  for (const incoming of papers) {
    const before = next.get(incoming.id) ?? stored.get(incoming.id);
    const merged = before ? mergePaper(before, incoming) : incoming;
    if (before && samePaper(before, merged)) {
      outcome.unchanged++;
      continue;
    }
    next.set(merged.id, merged);
    if (before) outcome.updated++;
    else outcome.inserted++;
    outcome.changedIds.push(merged.id);
  }
  await writePapers(trx, [...next.values()], stored, now);
  return outcome;
}

/** Rows per multi-row INSERT: papers have 26 columns, SQLite allows 32766 parameters. */
const ROWS_PER_INSERT = 500;

async function writePapers(
  trx: Transaction<Database>,
  papers: Paper[],
  stored: Map<string, Paper>,
  now: string,
): Promise<void> {
  if (papers.length === 0) return;
  // Rows whose searchable text did not change leave title/abstract/authors out of the update, so
  // text-index triggers on those columns (search's FTS) do not re-index them — e.g. upvote refreshes.
  const sameText = (p: Paper) => {
    const before = stored.get(p.id);
    return (
      before !== undefined &&
      before.title === p.title &&
      before.abstract === p.abstract &&
      before.authors.join('\u0000') === p.authors.join('\u0000')
    );
  };
  const groups: [Paper[], readonly (keyof typeof UPDATED)[]][] = [
    [papers.filter((p) => !sameText(p)), UPDATED_COLUMNS],
    [papers.filter(sameText), UPDATED_COLUMNS.filter((c) => !TEXT_COLUMNS.has(c))],
  ];
  for (const [group, columns] of groups) {
    for (const rows of chunks(
      group.map((p) => toPaperRow(p, now)),
      ROWS_PER_INSERT,
    )) {
      await insertRows(trx, 'papers', rows, PAPER_TYPES)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => {
            const set: Record<string, unknown> = {};
            for (const column of columns) set[column] = eb.ref(`excluded.${column}`);
            return set as Partial<PapersTable>;
          }),
        )
        .execute();
    }
  }
  const replaced = papers.map((p) => p.id).filter((id) => stored.has(id));
  for (const ids of chunks(replaced, ID_CHUNK)) {
    await trx.deleteFrom('paper_versions').where('paper_id', 'in', ids).execute();
    await trx.deleteFrom('featured_days').where('paper_id', 'in', ids).execute();
  }
  const versions = papers.flatMap((p) =>
    p.versions.map((v) => ({ paper_id: p.id, version: v.version, submitted_at: v.submittedAt })),
  );
  for (const rows of chunks(versions, ROWS_PER_INSERT * 4)) {
    await insertRows(trx, 'paper_versions', rows, {
      paper_id: 'text',
      version: 'int4',
      submitted_at: 'text',
    }).execute();
  }
  const days = papers.flatMap((p) =>
    p.community.featuredDays.map((d) => ({
      paper_id: p.id,
      day: d.day,
      rank: d.rank,
      featured_at: d.featuredAt,
    })),
  );
  for (const rows of chunks(days, ROWS_PER_INSERT * 4)) {
    await insertRows(trx, 'featured_days', rows, {
      paper_id: 'text',
      day: 'text',
      rank: 'int4',
      featured_at: 'text',
    }).execute();
  }
  await writePaperAuthors(trx, papers, replaced);
  await writePaperListings(trx, papers, replaced);
  // PostgreSQL's search rows (FTS5's triggers do this on SQLite): papers whose text is new.
  await indexPapersForSearch(
    trx,
    (groups[0]?.[0] ?? []).map((p) => toPaperRow(p, now)),
  );
}

/** Every papers column an update rewrites: all but the key and created_at (the compiler checks). */
const UPDATED: Record<Exclude<keyof PapersTable, 'id' | 'created_at'>, true> = {
  version: true,
  title: true,
  abstract: true,
  authors: true,
  categories: true,
  primary_category: true,
  submitted_at: true,
  updated_at: true,
  doi: true,
  journal_ref: true,
  comments: true,
  code_url: true,
  project_url: true,
  github_stars: true,
  submitted_by: true,
  upvotes: true,
  comment_count: true,
  ai_summary: true,
  ai_keywords: true,
  organization: true,
  thumbnail_url: true,
  source: true,
  fetched_at: true,
  modified_at: true,
};
const UPDATED_COLUMNS = Object.keys(UPDATED) as (keyof typeof UPDATED)[];
const INTEGER_COLUMNS = new Set(['version', 'github_stars', 'upvotes', 'comment_count']);
/** Element types of the papers columns for PostgreSQL's unnest (see insert-rows.ts). */
const PAPER_TYPES = Object.fromEntries(
  ['id', 'created_at', ...UPDATED_COLUMNS].map((c) => [
    c,
    INTEGER_COLUMNS.has(c) ? 'int4' : 'text',
  ]),
) as ColumnTypes<'papers'>;
const TEXT_COLUMNS = new Set<string>(['title', 'abstract', 'authors']);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Equal as stored, ignoring when it was fetched. */
function samePaper(a: Paper, b: Paper): boolean {
  const strip = (p: Paper) => stableJson({ ...p, provenance: { source: p.provenance.source } });
  return strip(a) === strip(b);
}

/** JSON with object keys sorted, so equal values always serialise the same. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
