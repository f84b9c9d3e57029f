/**
 * Following an author by name. Sources spell names differently ("Yann LeCun", "Y. LeCun",
 * "Yann Le Cun", "Müller" / "Muller"), so names are compared in a folded form: no accents, no
 * case, no punctuation; and an initial matches a first name that starts with it.
 */
import { type Candidate, submittedAfter, type TimeWindow } from './model.ts';
import type { NewPapers } from './ports.ts';

/** The comparable form of a name: lower-case ASCII words. */
export function foldName(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

/** True when `author` (as a paper lists it) is the followed name `followed`. */
export function authorMatches(followed: string[], author: string[]): boolean {
  if (followed.length === 0 || author.length === 0) return false;
  if (followed.join('') === author.join('')) return true; // "Le Cun" = "LeCun"
  const lastF = followed[followed.length - 1];
  const lastA = author[author.length - 1];
  if (lastF !== lastA) return false;
  const firstF = followed.length > 1 ? followed[0] : undefined;
  const firstA = author.length > 1 ? author[0] : undefined;
  if (!firstF || !firstA) return false; // a bare surname is too ambiguous to follow
  if (firstF === firstA) return true;
  const initial = (w: string) => w.length === 1;
  return (initial(firstF) || initial(firstA)) && firstF[0] === firstA[0];
}

/** For each followed name, the papers added in `window` that list that author (score 1). */
export async function matchAuthorsIn(
  newPapers: NewPapers,
  names: string[],
  window: TimeWindow,
  limit: number,
): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>();
  if (names.length === 0) return out;
  const added = await newPapers.addedIn(window, submittedAfter(window));
  const folded = added.map((a) => ({ ...a, authors: a.paper.authors.map(foldName) }));
  for (const name of names) {
    const want = foldName(name);
    const hits = folded
      .filter((a) => a.authors.some((author) => authorMatches(want, author)))
      .slice(0, limit)
      .map((a) => ({ paperId: a.paper.id, score: 1, addedAt: a.addedAt }));
    out.set(name, hits);
  }
  return out;
}
