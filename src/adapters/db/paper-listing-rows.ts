/**
 * Reads and writes paper_listings (migration 0304) beside the papers rows; called from the paper
 * repo's read and write paths (inside its transaction), with multi-row statements like the rest.
 */
import type { Kysely, Transaction } from 'kysely';
import type { PaperListing } from '../../core/papers/model.ts';
import { type ColumnTypes, insertRows } from './insert-rows.ts';
import type { Database, PaperListingsTable } from './schema.ts';

const CHUNK = 500;
type Db = Kysely<Database> | Transaction<Database>;

/** The listings of these papers (ids without one are absent). */
export async function readPaperListings(db: Db, ids: string[]): Promise<Map<string, PaperListing>> {
  const out = new Map<string, PaperListing>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('paper_listings')
    .selectAll()
    .where('paper_id', 'in', ids)
    .execute();
  for (const row of rows) out.set(row.paper_id, fromListingRow(row));
  return out;
}

/** Replaces the listing rows of `papers`; `replaced` are the ids that existed before. */
export async function writePaperListings(
  trx: Transaction<Database>,
  papers: { id: string; community: { listing: PaperListing | null } }[],
  replaced: string[],
): Promise<void> {
  for (let i = 0; i < replaced.length; i += CHUNK) {
    await trx
      .deleteFrom('paper_listings')
      .where('paper_id', 'in', replaced.slice(i, i + CHUNK))
      .execute();
  }
  const rows = papers.flatMap((p) =>
    p.community.listing ? [toListingRow(p.id, p.community.listing)] : [],
  );
  for (let i = 0; i < rows.length; i += CHUNK) {
    await insertRows(trx, 'paper_listings', rows.slice(i, i + CHUNK), LISTING_TYPES).execute();
  }
}

/** Element types for PostgreSQL's unnest (insert-rows.ts). */
const LISTING_TYPES: ColumnTypes<'paper_listings'> = {
  paper_id: 'text',
  listed_at: 'text',
  discussion_id: 'text',
  submitter: 'text',
  organization: 'text',
  authors: 'text',
  media_urls: 'text',
  author_participating: 'int4',
  github_repo_added_by: 'text',
  ai_summary_model: 'text',
};

function toListingRow(paperId: string, l: PaperListing): PaperListingsTable {
  return {
    paper_id: paperId,
    listed_at: l.listedAt,
    discussion_id: l.discussionId,
    submitter: l.submitter ? JSON.stringify(l.submitter) : null,
    organization: l.organization ? JSON.stringify(l.organization) : null,
    authors: JSON.stringify(l.authors),
    media_urls: JSON.stringify(l.mediaUrls),
    author_participating: l.authorParticipating === null ? null : l.authorParticipating ? 1 : 0,
    github_repo_added_by: l.githubRepoAddedBy,
    ai_summary_model: l.aiSummaryModel,
  };
}

function fromListingRow(row: PaperListingsTable): PaperListing {
  return {
    listedAt: row.listed_at,
    discussionId: row.discussion_id,
    submitter: row.submitter ? JSON.parse(row.submitter) : null,
    organization: row.organization ? JSON.parse(row.organization) : null,
    authors: JSON.parse(row.authors),
    mediaUrls: JSON.parse(row.media_urls),
    authorParticipating:
      row.author_participating === null ? null : Number(row.author_participating) === 1,
    githubRepoAddedBy: row.github_repo_added_by,
    aiSummaryModel: row.ai_summary_model,
  };
}
