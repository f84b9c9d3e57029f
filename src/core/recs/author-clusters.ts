/**
 * Telling apart people who share a name ("Wei Zhang"), from the stored papers alone: the papers
 * listing that name are grouped into people by shared co-authors (connected components: two
 * papers are the same person when they have a co-author in common, directly or through other
 * papers). A follow of one person keeps that person's co-authors, and a new paper is theirs when
 * it shares one (authorFollowMatches).
 *
 * Choices, stated:
 * - Co-authors are compared folded (foldName, words joined: "Le Cun" = "LeCun"), not by initials:
 *   "Y. Liu" and "Yang Liu" are different co-authors, so two Wei Zhangs are not merged through two
 *   different Lius.
 * - Papers with more than MAX_LINKING_AUTHORS authors (large collaborations) and single-author
 *   papers say nothing about who is who: they link no groups. When the name has one group (or
 *   none), they belong to it; when it has several, they are left out of every group (`unplaced`).
 */
import { authorMatches, foldName } from '../digests/author-match.ts';
import { authorKey } from '../papers/author-key.ts';
import type { Paper } from '../papers/model.ts';
import type { PaperRepo } from '../papers/ports.ts';

/** Papers with more authors than this are collaborations: their co-authors link nobody. */
export const MAX_LINKING_AUTHORS = 30;
/** Most papers looked at for one name (the newest). */
export const MAX_NAME_PAPERS = 500;
/** Most co-authors a follow keeps (the most shared). */
export const MAX_KEPT_COAUTHORS = 200;

/** One person behind a name: their papers and co-authors. */
export interface AuthorPerson {
  /** The smallest paper id of the group: names the person in a follow form. */
  key: string;
  paperIds: string[];
  /** Co-author names as written (first spelling seen), most shared first. */
  coauthors: string[];
}

export interface AuthorPeople {
  /** The people, most papers first; one (or none) when the name is not ambiguous here. */
  people: AuthorPerson[];
  /** Papers that could not be placed (solo or huge-collaboration papers of an ambiguous name). */
  unplaced: string[];
}

/** The comparable form of a co-author's name. */
export function coauthorKey(name: string): string {
  return foldName(name).join('');
}

/** The co-authors of `name` on a paper (every author that is not that name), as written. */
function coauthorsOn(want: string[], authors: string[]): string[] | null {
  const folded = authors.map(foldName);
  if (!folded.some((a) => authorMatches(want, a))) return null;
  return authors.filter((_, i) => !authorMatches(want, folded[i] as string[]));
}

/** Groups the papers listing `name` into people by shared co-authors. */
export function clusterAuthor(name: string, papers: Pick<Paper, 'id' | 'authors'>[]): AuthorPeople {
  const want = foldName(name);
  const sorted = [...papers].sort((a, b) => a.id.localeCompare(b.id));
  const linking: { id: string; coauthors: string[] }[] = [];
  const loose: string[] = [];
  for (const p of sorted) {
    const coauthors = coauthorsOn(want, p.authors);
    if (coauthors === null) continue;
    if (coauthors.length === 0 || p.authors.length > MAX_LINKING_AUTHORS) loose.push(p.id);
    else linking.push({ id: p.id, coauthors });
  }
  // Union-find over the linking papers, joined through each co-author's first paper.
  const parent = linking.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const firstWith = new Map<string, number>();
  linking.forEach((p, i) => {
    for (const name of p.coauthors) {
      const key = coauthorKey(name);
      const seen = firstWith.get(key);
      if (seen === undefined) firstWith.set(key, i);
      else {
        const [a, b] = [root(seen), root(i)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, { id: string; coauthors: string[] }[]>();
  linking.forEach((p, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), p]);
  });
  const people = [...groups.values()].map(personOf);
  if (people.length <= 1) {
    const all = [...(people[0]?.paperIds ?? []), ...loose].sort();
    if (all.length === 0) return { people: [], unplaced: [] };
    return {
      people: [{ key: all[0] as string, paperIds: all, coauthors: people[0]?.coauthors ?? [] }],
      unplaced: [],
    };
  }
  people.sort((a, b) => b.paperIds.length - a.paperIds.length || a.key.localeCompare(b.key));
  return { people, unplaced: loose };
}

function personOf(papers: { id: string; coauthors: string[] }[]): AuthorPerson {
  const count = new Map<string, { name: string; n: number }>();
  for (const p of papers) {
    for (const name of new Set(p.coauthors)) {
      const key = coauthorKey(name);
      const seen = count.get(key);
      count.set(key, { name: seen?.name ?? name, n: (seen?.n ?? 0) + 1 });
    }
  }
  const coauthors = [...count.values()]
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))
    .map((c) => c.name);
  const paperIds = papers.map((p) => p.id).sort();
  return { key: paperIds[0] as string, paperIds, coauthors };
}

/** The people behind a name among the stored papers (the newest MAX_NAME_PAPERS by that name). */
export async function authorPeople(
  deps: {
    authors: {
      papersBy(key: string, page: { limit: number; offset: number }): Promise<{ ids: string[] }>;
    };
    papers: Pick<PaperRepo, 'getMany'>;
  },
  name: string,
): Promise<AuthorPeople> {
  const { ids } = await deps.authors.papersBy(authorKey(name), {
    limit: MAX_NAME_PAPERS,
    offset: 0,
  });
  return clusterAuthor(name, await deps.papers.getMany(ids));
}

/**
 * The rule For you (page, feed, API, digest) applies to a followed author: the paper lists the
 * followed name (authorMatches), and either the follow is of the whole name (`coauthors` absent:
 * the name had one person when followed, or the reader followed the name itself), or the paper
 * shares at least one co-author with the followed person's. A solo paper by an ambiguous name
 * matches no single person. Returns the test for one follow, its set folded once.
 */
export function authorFollowMatcher(follow: {
  label: string;
  coauthors?: string[];
}): (authors: string[]) => boolean {
  const want = foldName(follow.label);
  const known = follow.coauthors ? new Set(follow.coauthors.map(coauthorKey)) : null;
  return (authors) => {
    const folded = authors.map(foldName);
    const isName = folded.map((a) => authorMatches(want, a));
    if (!isName.includes(true)) return false;
    return known === null || folded.some((a, i) => !isName[i] && known.has(a.join('')));
  };
}

/** authorFollowMatcher for one paper. */
export function authorFollowMatches(
  follow: { label: string; coauthors?: string[] },
  authors: string[],
): boolean {
  return authorFollowMatcher(follow)(authors);
}
