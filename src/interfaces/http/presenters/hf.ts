/**
 * Papers in Hugging Face's wire shapes (schemas/hf.ts): the daily_papers entry, the flat paper of
 * `/api/papers/{id}`, and the search entry. Every field paperboy stores goes out under Hugging
 * Face's name and type; what it does not know is left out rather than invented.
 */
import type { UserRef } from '../../../core/community/model.ts';
import type {
  ListingAuthor,
  ListingOrganization,
  ListingUser,
  Paper,
} from '../../../core/papers/model.ts';
import type { FeaturedPaper } from '../../../core/papers/ports.ts';
import { webLink } from '../../../core/papers/web-link.ts';
import type { HfDailyEntryWire, HfPaperWire } from '../schemas/hf.ts';

/** Who submitted papers on this instance, by paper id (withSocial's `submitters`). */
export type LocalSubmitters = Map<string, UserRef>;

/** The `paper` object; `day` picks the featured day whose posting time is sent. */
export function presentHfPaper(
  paper: Paper,
  day: string | null,
  submitters?: LocalSubmitters,
): HfPaperWire {
  const c = paper.community;
  const listing = c.listing;
  const featured = c.featuredDays.find((d) => d.day === day) ?? c.featuredDays[0];
  const submitter = submitterOf(paper, submitters);
  const organization = organizationOf(paper);
  return {
    id: paper.id,
    authors: paper.authors.map((name, i) => hfAuthor(name, listing?.authors ?? [], i)),
    ...opt('publishedAt', paper.submittedAt),
    ...opt('submittedOnDailyAt', featured?.featuredAt),
    // Hugging Face repeats the username as `user` here (not on the entry's `submittedBy`).
    ...opt('submittedOnDailyBy', submitter && { ...submitter, user: submitter.name }),
    title: paper.title,
    summary: paper.abstract,
    upvotes: c.upvotes,
    ...opt('discussionId', listing?.discussionId),
    ...opt('projectPage', webLink(paper.links.project)),
    ...opt('githubRepo', webLink(paper.links.code)),
    ...opt('githubRepoAddedBy', listing?.githubRepoAddedBy),
    ...opt('githubStars', c.githubStars),
    ...opt('ai_summary', c.aiSummary),
    ...opt('ai_keywords', c.aiKeywords.length > 0 ? c.aiKeywords : null),
    ...opt('ai_summary_model', listing?.aiSummaryModel),
    ...opt('organization', organization),
    ...opt('mediaUrls', listing?.mediaUrls.length ? listing.mediaUrls : null),
  };
}

/** A feed entry in the shape of `GET https://huggingface.co/api/daily_papers`. */
export function presentHfDailyEntry(
  entry: FeaturedPaper,
  submitters?: LocalSubmitters,
): HfDailyEntryWire {
  const { paper } = entry;
  const c = paper.community;
  const hfPaper = presentHfPaper(paper, entry.day, submitters);
  return {
    paper: hfPaper,
    publishedAt: listedAt(paper, entry.day),
    title: paper.title,
    summary: paper.abstract,
    ...opt('thumbnail', c.thumbnail),
    ...opt('mediaUrls', hfPaper.mediaUrls),
    numComments: c.commentCount,
    ...opt('submittedBy', submitterOf(paper, submitters)),
    ...opt('organization', hfPaper.organization),
    ...opt('isAuthorParticipating', c.listing?.authorParticipating),
  };
}

/** `GET /api/papers/{id}`: the paper object, flat, with the discussion counters beside it. */
export function presentHfPaperInfo(paper: Paper, submitters?: LocalSubmitters) {
  const c = paper.community;
  return {
    ...presentHfPaper(paper, null, submitters),
    numComments: c.commentCount,
    ...opt('isAuthorParticipating', c.listing?.authorParticipating),
    ...opt('thumbnail', c.thumbnail),
  };
}

/**
 * When the entry was posted to the daily list: as the source listed it, else when it was featured
 * on `day`, else that day's start.
 */
export function listedAt(paper: Paper, day: string | null): string {
  const c = paper.community;
  const featured = c.featuredDays.find((d) => d.day === day) ?? c.featuredDays[0];
  return (
    c.listing?.listedAt ??
    featured?.featuredAt ??
    `${day ?? featured?.day ?? paper.submittedAt?.slice(0, 10) ?? '1970-01-01'}T00:00:00.000Z`
  );
}

function submitterOf(paper: Paper, submitters?: LocalSubmitters) {
  const local = submitters?.get(paper.id);
  if (local)
    return { _id: local.id, name: local.handle, fullname: local.displayName, type: 'user' };
  const listed = paper.community.listing?.submitter;
  if (listed) return hfUser(listed);
  const name = paper.community.submittedBy;
  return name ? { name } : null;
}

function organizationOf(paper: Paper) {
  const listed = paper.community.listing?.organization;
  if (listed) return hfOrganization(listed);
  const name = paper.community.organization;
  return name ? { name } : null;
}

function hfUser(u: ListingUser) {
  return {
    ...opt('_id', u.id),
    name: u.name,
    ...opt('fullname', u.fullname),
    ...opt('avatarUrl', u.avatarUrl),
    ...opt('type', u.type),
  };
}

function hfOrganization(o: ListingOrganization) {
  return {
    ...opt('_id', o.id),
    name: o.name,
    ...opt('fullname', o.fullname),
    ...opt('avatar', o.avatar),
  };
}

/** The byline entry at `i`, with the source's details when they are for the same name. */
function hfAuthor(name: string, listed: ListingAuthor[], i: number) {
  const at = listed[i];
  const details = at?.name === name ? at : listed.find((a) => a.name === name);
  if (!details) return { name, hidden: false };
  const user = details.user;
  return {
    ...opt('_id', details.id),
    name,
    hidden: details.hidden,
    ...opt('status', details.status),
    ...opt('statusLastChangedAt', details.statusChangedAt),
    ...opt('user', user && { ...hfUser(user), user: user.name }),
  };
}

/** `{ [key]: value }` when the value is known, `{}` otherwise — absent rather than null. */
function opt<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return value === null || value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
