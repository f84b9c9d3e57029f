/**
 * A reader's For-you data over Kysely (imports, marks, follows, settings), and the paper lookups
 * library imports match with. Every read and write is keyed by the reader's id.
 */
import { type Kysely, sql } from 'kysely';
import type {
  Feedback,
  FeedbackSignal,
  Follow,
  FollowKind,
  LibraryEntry,
  LibrarySource,
  ReaderData,
  ReaderSettings,
} from '../../core/recs/model.ts';
import { defaultSettings } from '../../core/recs/model.ts';
import type { PaperMatcher, ReaderLibraryRepo } from '../../core/recs/ports.ts';
import type { Database } from './schema.ts';
import { transact } from './transact.ts';

/** Rows per `in (…)` list, well under both engines' parameter limits. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export class KyselyReaderLibrary implements ReaderLibraryRepo, PaperMatcher {
  constructor(private readonly db: Kysely<Database>) {}

  async addImported(userId: string, entries: LibraryEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    return transact(this.db, async (trx) => {
      let added = 0;
      for (const part of chunks(entries)) {
        const have = new Set(
          (
            await trx
              .selectFrom('reader_library')
              .select('paper_id')
              .where('user_id', '=', userId)
              .where(
                'paper_id',
                'in',
                part.map((e) => e.paperId),
              )
              .execute()
          ).map((r) => r.paper_id),
        );
        const fresh = part.filter((e) => !have.has(e.paperId));
        if (fresh.length === 0) continue;
        await trx
          .insertInto('reader_library')
          .values(
            fresh.map((e) => ({
              user_id: userId,
              paper_id: e.paperId,
              source: e.source,
              added_at: e.addedAt,
            })),
          )
          .execute();
        added += fresh.length;
      }
      return added;
    });
  }

  async library(userId: string): Promise<LibraryEntry[]> {
    const [imports, votes, items, more] = await Promise.all([
      this.db
        .selectFrom('reader_library')
        .select(['paper_id', 'source', 'added_at'])
        .where('user_id', '=', userId)
        .execute(),
      this.db
        .selectFrom('votes')
        .select(['paper_id', 'created_at'])
        .where('user_id', '=', userId)
        .execute(),
      this.db
        .selectFrom('collection_items as i')
        .innerJoin('collections as c', 'c.id', 'i.collection_id')
        .select(['i.paper_id', 'i.added_at'])
        .where('c.user_id', '=', userId)
        .execute(),
      this.db
        .selectFrom('reader_feedback')
        .select(['paper_id', 'at'])
        .where('user_id', '=', userId)
        .where('signal', '=', 1)
        .execute(),
    ]);
    const byPaper = new Map<string, LibraryEntry>();
    const add = (paperId: string, source: LibrarySource, addedAt: string) => {
      const seen = byPaper.get(paperId);
      if (!seen || addedAt < seen.addedAt) byPaper.set(paperId, { paperId, source, addedAt });
    };
    for (const r of imports) add(r.paper_id, r.source as LibrarySource, r.added_at);
    for (const r of votes) add(r.paper_id, 'upvote', r.created_at);
    for (const r of items) add(r.paper_id, 'collection', r.added_at);
    for (const r of more) add(r.paper_id, 'more', r.at);
    return [...byPaper.values()].sort(
      (a, b) => b.addedAt.localeCompare(a.addedAt) || a.paperId.localeCompare(b.paperId),
    );
  }

  async removeImported(userId: string, paperId: string): Promise<void> {
    await this.db
      .deleteFrom('reader_library')
      .where('user_id', '=', userId)
      .where('paper_id', '=', paperId)
      .execute();
  }

  async setFeedback(
    userId: string,
    paperId: string,
    signal: FeedbackSignal | null,
    at: string,
  ): Promise<void> {
    await transact(this.db, async (trx) => {
      await trx
        .deleteFrom('reader_feedback')
        .where('user_id', '=', userId)
        .where('paper_id', '=', paperId)
        .execute();
      if (signal === null) return;
      await trx
        .insertInto('reader_feedback')
        .values({ user_id: userId, paper_id: paperId, signal, at })
        .execute();
    });
  }

  async feedback(userId: string): Promise<Feedback[]> {
    const rows = await this.db
      .selectFrom('reader_feedback')
      .select(['paper_id', 'signal', 'at'])
      .where('user_id', '=', userId)
      .orderBy('at', 'desc')
      .orderBy('paper_id')
      .execute();
    return rows.map((r) => ({
      paperId: r.paper_id,
      signal: (r.signal > 0 ? 1 : -1) as FeedbackSignal,
      at: r.at,
    }));
  }

  async follow(userId: string, follow: Follow): Promise<void> {
    await transact(this.db, async (trx) => {
      await trx
        .deleteFrom('reader_follows')
        .where('user_id', '=', userId)
        .where('kind', '=', follow.kind)
        .where('value', '=', follow.value)
        .execute();
      await trx
        .insertInto('reader_follows')
        .values({
          user_id: userId,
          kind: follow.kind,
          value: follow.value,
          label: follow.label,
          created_at: follow.createdAt,
          coauthors: follow.coauthors ? JSON.stringify(follow.coauthors) : null,
        })
        .execute();
    });
  }

  async unfollow(userId: string, kind: FollowKind, value: string): Promise<void> {
    await this.db
      .deleteFrom('reader_follows')
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('value', '=', value)
      .execute();
  }

  async follows(userId: string): Promise<Follow[]> {
    const rows = await this.db
      .selectFrom('reader_follows')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('value')
      .execute();
    return rows.map((r) => ({
      kind: r.kind as FollowKind,
      value: r.value,
      label: r.label,
      createdAt: r.created_at,
      ...(r.coauthors === null ? {} : { coauthors: JSON.parse(r.coauthors) as string[] }),
    }));
  }

  async settings(userId: string): Promise<ReaderSettings> {
    const row = await this.db
      .selectFrom('reader_settings')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return defaultSettings();
    return {
      interests: JSON.parse(row.interests) as string[],
      includeTerms: row.include_terms,
      excludeTerms: row.exclude_terms,
      threshold: row.threshold,
    };
  }

  async saveSettings(userId: string, s: ReaderSettings, at: string): Promise<void> {
    const values = {
      interests: JSON.stringify(s.interests),
      include_terms: s.includeTerms,
      exclude_terms: s.excludeTerms,
      threshold: s.threshold,
      updated_at: at,
    };
    await this.db
      .insertInto('reader_settings')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
  }

  async feedKeyGeneration(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('reader_feed_keys')
      .select('generation')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? Number(row.generation) : 0;
  }

  async bumpFeedKeyGeneration(userId: string, at: string): Promise<number> {
    const row = await this.db
      .insertInto('reader_feed_keys')
      .values({ user_id: userId, generation: 1, updated_at: at })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          generation: sql<number>`reader_feed_keys.generation + 1`,
          updated_at: at,
        }),
      )
      .returning('generation')
      .executeTakeFirstOrThrow();
    return Number(row.generation);
  }

  async exportAll(userId: string): Promise<ReaderData> {
    const [library, feedback, follows, settings, feedKeyGeneration] = await Promise.all([
      this.library(userId),
      this.feedback(userId),
      this.follows(userId),
      this.settings(userId),
      this.feedKeyGeneration(userId),
    ]);
    return { library, feedback, follows, settings, feedKeyGeneration };
  }

  async deleteAll(userId: string): Promise<void> {
    await transact(this.db, async (trx) => {
      for (const table of [
        'reader_library',
        'reader_feedback',
        'reader_follows',
        'reader_settings',
      ] as const) {
        await trx.deleteFrom(table).where('user_id', '=', userId).execute();
      }
    });
  }

  async byDois(dois: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const wanted = [...new Set(dois.map((d) => d.toLowerCase()))];
    for (const part of chunks(wanted)) {
      const rows = await this.db
        .selectFrom('papers')
        .select(['id', 'doi'])
        .where(sql<string>`lower(doi)`, 'in', part)
        .orderBy('id')
        .execute();
      for (const r of rows)
        if (r.doi && !out.has(r.doi.toLowerCase())) out.set(r.doi.toLowerCase(), r.id);
    }
    return out;
  }

  async byTitles(titles: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const wanted = [...new Set(titles.map((t) => t.toLowerCase()))];
    for (const part of chunks(wanted)) {
      const rows = await this.db
        .selectFrom('papers')
        .select(['id', 'title'])
        .where(sql<string>`lower(title)`, 'in', part)
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const key = r.title.toLowerCase();
        out.set(key, [...(out.get(key) ?? []), r.id]);
      }
    }
    return out;
  }
}
