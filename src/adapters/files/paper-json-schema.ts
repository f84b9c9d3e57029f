/**
 * Our paper JSONL wire format (one Paper per line, camelCase, as `paperboy export` writes it),
 * validated with zod. Optional fields may be omitted; ids are canonicalised.
 */
import { z } from 'zod';
import { parseArxivId } from '../../core/papers/arxiv-id.ts';
import type { Paper } from '../../core/papers/model.ts';
import { webLink } from '../../core/papers/web-link.ts';

/** No NUL characters: no store keeps them (adapters/db/nul-guard-plugin.ts). */
const noNul = (v: string) => !v.includes('\u0000');
const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';
const text = z.string().max(100_000).refine(noNul, NUL_MESSAGE);
/** Integers as both engines store them (PostgreSQL's integer is 32-bit). */
const int = z.number().int().max(2_147_483_647);
const nullableText = text.nullish().transform((v) => v ?? null);
const isoDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date')
  .nullish()
  .transform((v) => v ?? null);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const urls = z.array(z.string().max(2000)).max(100).default([]);

const listingUser = z.object({
  id: nullableText,
  name: z.string().min(1).max(200),
  fullname: nullableText,
  avatarUrl: nullableText,
  type: nullableText,
});

/** How a daily-papers source listed the paper (see PaperListing). */
const listing = z.object({
  listedAt: isoDate,
  discussionId: nullableText,
  submitter: listingUser.nullish().transform((v) => v ?? null),
  organization: z
    .object({
      id: nullableText,
      name: z.string().min(1).max(200),
      fullname: nullableText,
      avatar: nullableText,
    })
    .nullish()
    .transform((v) => v ?? null),
  authors: z
    .array(
      z.object({
        name: z.string().max(1000),
        id: nullableText,
        hidden: z.boolean().default(false),
        status: nullableText,
        statusChangedAt: isoDate,
        user: listingUser.nullish().transform((v) => v ?? null),
      }),
    )
    .max(10_000)
    .default([]),
  mediaUrls: urls,
  authorParticipating: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
  githubRepoAddedBy: nullableText,
  aiSummaryModel: nullableText,
});

const paperSchema = z.object({
  id: z.string().transform((value, ctx) => {
    const parsed = parseArxivId(value);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an arXiv id` });
      return z.NEVER;
    }
    return parsed.id;
  }),
  version: int
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  title: text.min(1, 'must not be empty'),
  abstract: text.default(''),
  authors: z.array(z.string().max(1000).refine(noNul, NUL_MESSAGE)).max(10_000).default([]),
  categories: z.array(z.string().max(100).refine(noNul, NUL_MESSAGE)).max(100).default([]),
  submittedAt: isoDate,
  updatedAt: isoDate,
  doi: nullableText,
  journalRef: nullableText,
  comments: nullableText,
  links: z
    .object({ code: nullableText.transform(webLink), project: nullableText.transform(webLink) })
    .default({ code: null, project: null }),
  versions: z.array(z.object({ version: int.positive(), submittedAt: isoDate })).default([]),
  community: z
    .object({
      featuredDays: z
        .array(
          z.object({
            day,
            rank: int.nullish().transform((v) => v ?? null),
            featuredAt: isoDate,
          }),
        )
        .default([]),
      submittedBy: nullableText,
      upvotes: int.min(0).default(0),
      commentCount: int.min(0).default(0),
      aiSummary: nullableText,
      aiKeywords: z.array(z.string().max(200).refine(noNul, NUL_MESSAGE)).default([]),
      organization: nullableText,
      githubStars: int
        .min(0)
        .nullish()
        .transform((v) => v ?? null),
      thumbnail: nullableText,
      listing: listing.nullish().transform((v) => v ?? null),
    })
    .prefault({}),
  provenance: z
    .object({ source: z.string().min(1), fetchedAt: z.string() })
    .default({ source: 'import', fetchedAt: new Date(0).toISOString() }),
});

/** Validates one decoded JSON value as a Paper; returns the paper or a readable error. */
export function parsePaperJson(value: unknown): { paper: Paper } | { error: string } {
  const result = paperSchema.safeParse(value);
  if (result.success) return { paper: result.data satisfies Paper };
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`);
  return { error: problems.join('; ') };
}
