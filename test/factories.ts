/**
 * Valid domain objects for tests: `buildPaper({ title: 'x' })`.
 */
import { emptyCommunity, type Paper } from '../src/core/papers/model.ts';

let counter = 0;

/** A valid paper with a fresh new-style id; override any field. */
export function buildPaper(overrides: Partial<Paper> = {}): Paper {
  counter++;
  const id = overrides.id ?? `2601.${String(10000 + counter).slice(-5)}`;
  return {
    id,
    version: 1,
    title: `A study of things number ${counter}`,
    abstract: `We study things. This is abstract ${counter}.`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    categories: ['cs.CL', 'cs.LG'],
    submittedAt: '2026-01-05T12:00:00Z',
    updatedAt: null,
    doi: null,
    journalRef: null,
    comments: null,
    links: { code: null, project: null },
    versions: [{ version: 1, submittedAt: '2026-01-05T12:00:00Z' }],
    community: emptyCommunity(),
    provenance: { source: 'arxiv-oai', fetchedAt: '2026-01-06T00:00:00Z' },
    ...overrides,
  };
}

/** A paper featured on `day` with `upvotes`. */
export function buildFeaturedPaper(
  day: string,
  upvotes: number,
  overrides: Partial<Paper> = {},
): Paper {
  return buildPaper({
    ...overrides,
    community: {
      ...emptyCommunity(),
      featuredDays: [{ day, rank: null, featuredAt: null }],
      upvotes,
    },
    provenance: { source: 'hf-daily', fetchedAt: `${day}T00:00:00Z` },
  });
}
