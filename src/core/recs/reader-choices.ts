/**
 * What a signed-in reader tells For you: "more like this" / "not interested" on a paper (and
 * undoing it), authors and topics followed, categories picked at onboarding, and their own data
 * out (export) or gone (delete). Every call acts on the caller's own data only.
 */
import type { Clock } from '../clock.ts';
import type { User } from '../community/model.ts';
import { assertCanAct } from '../community/permissions.ts';
import type { AuthorIndex } from '../community/ports.ts';
import { foldName } from '../digests/author-match.ts';
import { createError } from '../errors.ts';
import type { PaperRepo } from '../papers/ports.ts';
import { keywordFilter } from '../search/keyword-filter.ts';
import { authorPeople, MAX_KEPT_COAUTHORS } from './author-clusters.ts';
import type { Feedback, Follow, FollowKind, ReaderData } from './model.ts';
import type { ReaderLibraryRepo } from './ports.ts';

export interface ChoiceDeps {
  library: ReaderLibraryRepo;
  papers: PaperRepo;
  /** Papers by author name: tells apart people sharing the name a reader follows. */
  authors: AuthorIndex;
  clock: Clock;
}

export type Mark = 'more' | 'not-interested';

/** Most categories picked at onboarding, and the longest follow. */
const MAX_INTERESTS = 20;
const MAX_FOLLOW = 200;

export async function markPaper(
  deps: ChoiceDeps,
  user: User | null,
  paperId: string,
  mark: Mark,
): Promise<void> {
  assertCanAct(user);
  if (!(await deps.papers.get(paperId))) throw createError('paper_not_found', paperId);
  const at = deps.clock.now().toISOString();
  await deps.library.setFeedback(user.id, paperId, mark === 'more' ? 1 : -1, at);
}

/** Undoes a mark (idempotent). */
export async function unmarkPaper(
  deps: ChoiceDeps,
  user: User | null,
  paperId: string,
): Promise<void> {
  assertCanAct(user);
  await deps.library.setFeedback(user.id, paperId, null, deps.clock.now().toISOString());
}

/** The reader's marks, newest first, with the papers' titles (the account page's undo list). */
export async function listMarks(
  deps: ChoiceDeps,
  user: User | null,
): Promise<(Feedback & { title: string })[]> {
  assertCanAct(user);
  const marks = await deps.library.feedback(user.id);
  const papers = await deps.papers.getMany(marks.map((m) => m.paperId));
  const titles = new Map(papers.map((p) => [p.id, p.title]));
  return marks
    .map((m) => ({ ...m, title: titles.get(m.paperId) ?? m.paperId }))
    .sort((a, b) => b.at.localeCompare(a.at) || a.paperId.localeCompare(b.paperId));
}

/**
 * Follows a topic, or an author by name. When the stored papers show several people with that
 * name (author-clusters.ts), `person` (a paper id of theirs) picks one: the follow keeps their
 * co-authors and matches only papers sharing one. Without `person`, or when the name is one
 * person here, any paper by the name matches.
 */
export async function follow(
  deps: ChoiceDeps,
  user: User | null,
  kind: FollowKind,
  label: string,
  person?: string,
): Promise<void> {
  assertCanAct(user);
  const text = label.replace(/\s+/g, ' ').trim();
  if (!text || text.length > MAX_FOLLOW) {
    throw createError('invalid_input', `a ${kind} to follow is 1–${MAX_FOLLOW} characters`);
  }
  const createdAt = deps.clock.now().toISOString();
  if (kind === 'topic') {
    await deps.library.follow(user.id, { kind, value: text.toLowerCase(), label: text, createdAt });
    return;
  }
  const name = foldName(text).join(' ');
  const { people } = person ? await authorPeople(deps, text) : { people: [] };
  if (people.length <= 1) {
    await deps.library.follow(user.id, { kind, value: name, label: text, createdAt });
    return;
  }
  const chosen = people.find((p) => p.paperIds.includes(person as string));
  if (!chosen) {
    throw createError('invalid_input', `no paper ${person} by ${text} to tell which one you mean`);
  }
  await deps.library.follow(user.id, {
    kind,
    value: `${name}#${chosen.key}`,
    label: text,
    createdAt,
    coauthors: chosen.coauthors.slice(0, MAX_KEPT_COAUTHORS),
  });
}

export async function unfollow(
  deps: ChoiceDeps,
  user: User | null,
  kind: FollowKind,
  value: string,
): Promise<void> {
  assertCanAct(user);
  await deps.library.unfollow(user.id, kind, value);
}

/** Onboarding: the arXiv categories a reader with an empty library starts from. */
export async function pickInterests(
  deps: ChoiceDeps,
  user: User | null,
  categories: string[],
): Promise<void> {
  assertCanAct(user);
  const picked = [...new Set(categories.map((c) => c.trim()).filter(Boolean))];
  if (picked.length > MAX_INTERESTS || picked.some((c) => !/^[a-z-]+(\.[A-Za-z-]+)?$/.test(c))) {
    throw createError('invalid_input', `pick up to ${MAX_INTERESTS} arXiv categories (cs.CL, …)`);
  }
  const settings = await deps.library.settings(user.id);
  await deps.library.saveSettings(
    user.id,
    { ...settings, interests: picked },
    deps.clock.now().toISOString(),
  );
}

export async function exportReaderData(deps: ChoiceDeps, user: User | null): Promise<ReaderData> {
  assertCanAct(user);
  return deps.library.exportAll(user.id);
}

/** Revokes the reader's private feed URL: the old one answers 404, For you shows the new one. */
export async function revokeFeedUrl(deps: ChoiceDeps, user: User | null): Promise<number> {
  assertCanAct(user);
  return deps.library.bumpFeedKeyGeneration(user.id, deps.clock.now().toISOString());
}

export async function deleteReaderData(deps: ChoiceDeps, user: User | null): Promise<void> {
  assertCanAct(user);
  await deps.library.deleteAll(user.id);
}

/** The account page's For-you section: library size, marks (to undo) and follows. */
export async function forYouAccount(
  deps: ChoiceDeps,
  user: User,
): Promise<{ libraryCount: number; marks: (Feedback & { title: string })[]; follows: Follow[] }> {
  const [library, marks, follows] = await Promise.all([
    deps.library.library(user.id),
    listMarks(deps, user),
    deps.library.follows(user.id),
  ]);
  return { libraryCount: library.length, marks, follows };
}

/**
 * The reader's digest threshold (0–1) and include/exclude keywords (search syntax with AND/OR/NOT;
 * `invalid_query` when one does not parse). Include keywords left out stay as they were.
 */
export async function saveDigestSettings(
  deps: ChoiceDeps,
  user: User | null,
  input: { threshold: number; excludeTerms: string; includeTerms?: string },
): Promise<void> {
  assertCanAct(user);
  if (!(input.threshold >= 0 && input.threshold <= 1)) {
    throw createError('invalid_input', 'the threshold is between 0 and 1');
  }
  const settings = await deps.library.settings(user.id);
  const rules = {
    includeTerms: (input.includeTerms ?? settings.includeTerms).trim(),
    excludeTerms: input.excludeTerms.trim(),
  };
  keywordFilter(rules);
  await deps.library.saveSettings(
    user.id,
    { ...settings, threshold: input.threshold, ...rules },
    deps.clock.now().toISOString(),
  );
}
