/**
 * Query parameters of the Hugging Face-compatible routes, with Hugging Face's names and bounds
 * (../shared/HF-API.md). They validate requests and generate /openapi.json.
 */
import { z } from 'zod';
import { MAX_QUERY_LENGTH, SEARCH_SORTS } from '../../../core/search/query.ts';
import { Day, IsoWeek, limit, Month, PageIndex } from './common.ts';

export const DailyPapersQuery = z.object({
  p: PageIndex,
  limit: limit(50, 100),
  date: Day.optional().meta({ description: 'a feed day; none = the latest featured day' }),
  week: IsoWeek.optional(),
  month: Month.optional(),
  submitter: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'only papers this username submitted' }),
  sort: z.enum(['publishedAt', 'trending']).default('publishedAt').meta({
    description:
      '`publishedAt`: as Hugging Face lists a day, most upvoted first; `trending`: paperboy’s trending score',
  }),
});

const text = (description: string) => z.string().max(200).optional().meta({ description });

export const PaperSearchQuery = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH, {
      message: `must be at most ${MAX_QUERY_LENGTH} characters; for a whole abstract use POST /api/papers/similar`,
    })
    .default('')
    .meta({ description: 'keywords, "phrases", -exclusions, author:, cat:, year:, from:, to:' }),
  limit: limit(20, 120),
  p: PageIndex,
  sort: z.enum(SEARCH_SORTS as [string, ...string[]]).default('relevance'),
  mode: z.enum(['hybrid', 'lexical', 'vector']).default('hybrid'),
  cat: text('categories, comma-separated (cs.CL, cs.*)'),
  author: text('an author name'),
  year: text('a year or range, 2025 or 2023-2025'),
  from: text('first day, YYYY-MM-DD'),
  to: text('last day, YYYY-MM-DD'),
});

export const PaperListQuery = z.object({
  cursor: z
    .string()
    .max(500)
    .optional()
    .meta({ description: 'from the previous page’s Link rel="next"' }),
  limit: limit(50, 100),
});
