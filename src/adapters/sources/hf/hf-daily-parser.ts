/**
 * Parses one day of Hugging Face `GET /api/daily_papers?date=YYYY-MM-DD` (a JSON array of entries)
 * into featured papers with their community fields. Accepts every schema era seen 2024-05 → 2026-08
 * (see ../shared/data/hf-daily-papers/SCHEMA.md): `mediaUrl` before `thumbnail`, no `submittedBy`
 * before 2024-06, `submittedOnDailyBy` and AI fields from 2025, organisations from 2025-11.
 * A body that is not such an array — including archived captures whose entries are Python-repr
 * strings, or a `{status, data}` wrapper — is refused whole, so a day is never half-imported.
 */
import { createError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import type { ParsedRecord } from '../../../core/papers/import-papers.ts';
import type { ListingOrganization, ListingUser, Paper } from '../../../core/papers/model.ts';
import { webLink } from '../../../core/papers/web-link.ts';
import { collapse, isoInstant } from '../normalize.ts';

export const HF_SOURCE = 'hf-daily';

type Obj = Record<string, unknown>;

/**
 * The entries of `day` as records (an entry whose paper is not an arXiv paper is a numbered
 * rejection). Throws `source_malformed` when the body as a whole is not a daily_papers response.
 */
export function parseHfDailyPapers(body: string, day: string, fetchedAt: string): ParsedRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError('source_malformed', HF_SOURCE, `${day}: not JSON (${why})`, { cause });
  }
  if (!Array.isArray(value)) {
    const keys = isObj(value) ? ` with keys ${Object.keys(value).slice(0, 5).join(', ')}` : '';
    throw createError(
      'source_malformed',
      HF_SOURCE,
      `${day}: expected a JSON array of entries, got ${typeName(value)}${keys}`,
    );
  }
  const bad = value.findIndex((e) => !isObj(e) || !isObj(e.paper));
  if (bad >= 0) {
    const entry: unknown = value[bad];
    const hint =
      typeof entry === 'string' && entry.startsWith('{')
        ? ' (a Python-repr string, not JSON: the capture was archived wrongly)'
        : '';
    throw createError(
      'source_malformed',
      HF_SOURCE,
      `${day}: entry ${bad + 1} is ${typeName(entry)}, not an object with a paper${hint}`,
    );
  }
  return (value as Obj[]).map((entry, index) => {
    const result = entryToPaper(entry, day, index + 1, fetchedAt);
    return typeof result === 'string'
      ? { line: index + 1, error: result }
      : { line: index + 1, paper: result };
  });
}

function entryToPaper(entry: Obj, day: string, rank: number, fetchedAt: string): Paper | string {
  const paper = entry.paper as Obj;
  const parsed = parseArxivId(str(paper.id) ?? '');
  if (!parsed) return `${day} #${rank}: paper id ${JSON.stringify(paper.id)} is not an arXiv id`;
  const title = collapse(str(entry.title) ?? str(paper.title) ?? '');
  if (!title) return `${day} #${rank}: paper ${parsed.id} has no title`;
  const organization = obj(entry.organization) ?? obj(paper.organization);
  const submitter = obj(entry.submittedBy) ?? obj(paper.submittedOnDailyBy);
  const authors = (Array.isArray(paper.authors) ? paper.authors : [])
    .filter(isObj)
    .map((a) => ({ a, name: collapse(str(a.name) ?? '') }))
    .filter(({ name }) => name !== '');
  return {
    id: parsed.id,
    version: parsed.version,
    title,
    // Kept as sent (paragraph breaks included) so the Hugging Face-compatible API answers with
    // the same text; only the ends are trimmed.
    abstract: (str(paper.summary) ?? str(entry.summary) ?? '').replace(/\r\n?/g, '\n').trim(),
    authors: authors.map(({ name }) => name),
    categories: [],
    submittedAt: isoInstant(str(paper.publishedAt)),
    updatedAt: null,
    doi: null,
    journalRef: null,
    comments: null,
    links: { code: webLink(str(paper.githubRepo)), project: webLink(str(paper.projectPage)) },
    versions: [],
    community: {
      featuredDays: [{ day, rank, featuredAt: isoInstant(str(paper.submittedOnDailyAt)) }],
      submittedBy: str(submitter?.name) ?? str(submitter?.user) ?? null,
      upvotes: count(paper.upvotes) ?? 0,
      commentCount: count(entry.numComments) ?? 0,
      aiSummary: str(paper.ai_summary) ?? null,
      aiKeywords: strings(paper.ai_keywords),
      organization: str(organization?.name) ?? null,
      githubStars: count(paper.githubStars),
      thumbnail: str(entry.thumbnail) ?? str(entry.mediaUrl) ?? null,
      listing: {
        listedAt: isoInstant(str(entry.publishedAt)),
        discussionId: str(paper.discussionId) ?? null,
        submitter: listingUser(submitter),
        organization: listingOrganization(organization),
        authors: authors.map(({ a, name }) => ({
          name,
          id: str(a._id) ?? null,
          hidden: a.hidden === true,
          status: str(a.status) ?? null,
          statusChangedAt: isoInstant(str(a.statusLastChangedAt)),
          user: listingUser(obj(a.user)),
        })),
        mediaUrls: strings(entry.mediaUrls ?? paper.mediaUrls),
        authorParticipating:
          typeof entry.isAuthorParticipating === 'boolean' ? entry.isAuthorParticipating : null,
        githubRepoAddedBy: str(paper.githubRepoAddedBy) ?? null,
        aiSummaryModel: str(paper.ai_summary_model) ?? null,
      },
    },
    provenance: { source: HF_SOURCE, fetchedAt },
  };
}

/** A Hugging Face user object (`name`, or `user` on author claims) as a ListingUser. */
function listingUser(o: Obj | undefined): ListingUser | null {
  const name = str(o?.name) ?? str(o?.user);
  if (!o || !name) return null;
  return {
    id: str(o._id) ?? null,
    name,
    fullname: str(o.fullname) ?? null,
    avatarUrl: str(o.avatarUrl) ?? null,
    type: str(o.type) ?? null,
  };
}

function listingOrganization(o: Obj | undefined): ListingOrganization | null {
  const name = str(o?.name);
  if (!o || !name) return null;
  return {
    id: str(o._id) ?? null,
    name,
    fullname: str(o.fullname) ?? null,
    avatar: str(o.avatar) ?? null,
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: unknown): Obj | undefined {
  return isObj(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
