/**
 * For you's forms and JSON bodies, validated at the edge (schemas/validate.ts); meaning (a real
 * paper, a known category, a readable library file) is checked by core/recs.
 */
import { z } from 'zod';
import { MAX_PASTED_TEXT } from '../../../core/search/similar-papers.ts';
import { ArxivId } from './common.ts';
import { optional, required } from './forms.ts';
import { PaperV1 } from './paper.ts';

/** Largest library file or pasted text, in characters (the route's body limit is in bytes). */
export const MAX_LIBRARY_TEXT = 8 * 1024 * 1024;

const next = optional(2000);
const mark = z.enum(['more', 'not-interested'], { error: 'must be "more" or "not-interested"' });

export const MarkForm = z.object({ paper: required(300), mark, next });
export const UnmarkForm = z.object({ paper: required(300), next });
export const DaysQuery = z.object({
  days: z.enum(['1', '7']).default('1').transform(Number),
  /** Preview: what a digest would hold at this threshold (not saved). */
  threshold: z.coerce.number().min(0).max(1).optional(),
  /** Preview: include/exclude keywords to try (search syntax with AND/OR/NOT). */
  include: z.string().max(500).optional(),
  exclude: z.string().max(500).optional(),
  done: optional(40),
  /** "More like this collection": a collection the viewer may see. */
  collection: optional(40),
});
export const SettingsForm = z.object({
  threshold: z.coerce.number({ error: 'must be a number' }).min(0).max(1),
  include: optional(500),
  exclude: optional(500),
  next,
});
export const SubscribeForm = z.object({
  cadence: z.enum(['daily', 'weekly'], { error: 'must be daily or weekly' }),
  next,
});
/** Onboarding: checked categories (one field or many) and pasted ids. */
export const InterestsForm = z.object({
  category: z
    .union([z.string().max(40), z.array(z.string().max(40)).max(50)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  ids: optional(MAX_PASTED_TEXT),
  next,
});
export const LibraryForm = z.object({
  file: z.instanceof(File).optional(),
  text: optional(MAX_LIBRARY_TEXT),
  next,
});
export const FollowForm = z.object({
  kind: z.enum(['author', 'topic'], { error: 'must be "author" or "topic"' }),
  label: required(200),
  /** One of several authors with that name: a paper id of theirs (core/recs/author-clusters.ts). */
  person: optional(40),
  next,
});
export const UnfollowForm = z.object({
  kind: z.enum(['author', 'topic'], { error: 'must be "author" or "topic"' }),
  value: required(400),
  next,
});

// ——— JSON API (routes/for-you-api.ts) ———

export const ForYouQuery = z.object({
  days: z
    .enum(['1', '7'])
    .default('1')
    .transform(Number)
    .meta({ description: 'new papers of the last day (1) or week (7)' }),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const ForYouItemWire = z
  .object({
    paper: PaperV1,
    relevance: z.number().nullable().meta({
      description: 'share of recent papers this one beats for you (0–1); null at cold start',
    }),
    because: z
      .array(z.object({ id: z.string(), title: z.string() }))
      .meta({ description: 'the library papers it is closest to' }),
    followedAuthors: z.array(z.string()),
  })
  .meta({ id: 'ForYouItem' });

export const ForYouWire = z
  .object({
    coldStart: z
      .boolean()
      .meta({ description: 'empty library: ranked by picked categories and upvotes' }),
    window: z.object({ from: z.string(), to: z.string() }).nullable(),
    items: z.array(ForYouItemWire),
  })
  .meta({ id: 'ForYou' });

export const MarkParams = z.object({
  paperId: ArxivId.meta({ param: { name: 'paperId', in: 'path' }, example: '2608.19880' }),
});
export const MarkBody = z.object({ mark }).meta({ id: 'MarkBody' });
export const MarkWire = z
  .object({
    paperId: z.string(),
    mark: z.enum(['more', 'not-interested']),
    title: z.string(),
    at: z.string(),
  })
  .meta({ id: 'Mark' });

export const ImportBody = z
  .object({
    text: z
      .string()
      .min(1, 'is empty')
      .max(MAX_LIBRARY_TEXT)
      .meta({ description: 'a BibTeX, RIS or CSL-JSON document, or arXiv ids' }),
  })
  .meta({ id: 'LibraryImport' });

const entry = { entry: z.number().int(), title: z.string() };
export const ImportReportWire = z
  .object({
    format: z.enum(['bibtex', 'ris', 'csl-json', 'ids']),
    entries: z.number().int(),
    matched: z.array(
      z.object({ ...entry, paperId: z.string(), by: z.enum(['arxiv', 'doi', 'title']) }),
    ),
    fetched: z.array(z.object({ ...entry, paperId: z.string() })),
    skipped: z.array(z.object({ ...entry, reason: z.string() })),
    added: z.number().int(),
  })
  .meta({ id: 'LibraryImportReport' });
