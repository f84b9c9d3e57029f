/**
 * Hugging Face's paper wire shapes (../shared/HF-API.md), as zod schemas: what the presenters in
 * presenters/hf.ts produce and what /openapi.json documents. Field names and types are Hugging
 * Face's, so tools written for its API (huggingface_hub's `list_daily_papers`, `paper_info`) work.
 */
import { z } from 'zod';

const instant = z.string().meta({ format: 'date-time' });

export const HfUser = z
  .object({
    _id: z.string().optional(),
    name: z.string().meta({ description: 'username' }),
    fullname: z.string().optional(),
    avatarUrl: z.string().optional(),
    type: z.string().optional().meta({ description: '`user` or `org`' }),
    user: z.string().optional().meta({ description: 'the username again (submittedOnDailyBy)' }),
  })
  .meta({ id: 'HfUser', description: 'An account: who submitted a paper, or claimed authorship.' });

export const HfOrganization = z
  .object({
    _id: z.string().optional(),
    name: z.string(),
    fullname: z.string().optional(),
    avatar: z.string().optional(),
  })
  .meta({ id: 'HfOrganization' });

export const HfAuthor = z
  .object({
    _id: z.string().optional(),
    name: z.string(),
    hidden: z.boolean().meta({ description: 'clients leave hidden authors out' }),
    status: z.string().optional(),
    statusLastChangedAt: instant.optional(),
    user: HfUser.optional().meta({ description: 'the account that claimed this authorship' }),
  })
  .meta({ id: 'HfAuthor' });

/** The `paper` object of daily_papers and search entries. */
export const HfPaper = z
  .object({
    id: z.string().meta({ description: 'arXiv id without version', example: '2608.19880' }),
    authors: z.array(HfAuthor),
    publishedAt: instant.optional().meta({ description: 'arXiv publication time' }),
    submittedOnDailyAt: instant.optional(),
    submittedOnDailyBy: HfUser.optional(),
    title: z.string(),
    summary: z.string().meta({ description: 'the abstract' }),
    upvotes: z.number().int(),
    discussionId: z.string().optional(),
    projectPage: z.string().optional(),
    githubRepo: z.string().optional(),
    githubRepoAddedBy: z.string().optional(),
    githubStars: z.number().int().optional(),
    ai_summary: z.string().optional(),
    ai_keywords: z.array(z.string()).optional(),
    ai_summary_model: z.string().optional(),
    organization: HfOrganization.optional(),
    mediaUrls: z.array(z.string()).optional(),
  })
  .meta({ id: 'HfPaper' });

/** One entry of `GET /api/daily_papers`. */
export const HfDailyEntry = z
  .object({
    paper: HfPaper,
    publishedAt: instant.meta({ description: 'when the entry was posted to the daily list' }),
    title: z.string(),
    summary: z.string(),
    thumbnail: z.string().optional(),
    mediaUrls: z.array(z.string()).optional(),
    numComments: z.number().int(),
    submittedBy: HfUser.optional(),
    organization: HfOrganization.optional(),
    isAuthorParticipating: z.boolean().optional(),
  })
  .meta({ id: 'HfDailyEntry' });

/** `GET /api/papers/{id}`: the paper fields, flat, plus its discussion counters. */
export const HfPaperInfo = HfPaper.extend({
  numComments: z.number().int(),
  isAuthorParticipating: z.boolean().optional(),
  thumbnail: z.string().optional(),
}).meta({ id: 'HfPaperInfo' });

/** One result of `GET /api/papers/search`, with paperboy's score and match kind added. */
export const HfSearchEntry = z
  .object({
    paper: HfPaper.extend({
      categories: z.array(z.string()).meta({ description: 'arXiv categories, primary first' }),
    }),
    publishedAt: instant.optional(),
    title: z.string(),
    summary: z.string(),
    thumbnail: z.string().optional(),
    numComments: z.number().int(),
    isAuthorParticipating: z.boolean().optional(),
    score: z.number().meta({ description: 'paperboy: fused relevance score, higher is better' }),
    matchedBy: z.enum(['keyword', 'semantic', 'both', 'filter']),
    tier: z.enum(['words', 'meaning']).optional().meta({
      description:
        'paperboy: `words` when the paper matches the query words, `meaning` when it is only close in meaning (listed after every word match)',
    }),
    highlight: z
      .object({
        title: z.string().meta({ description: 'HTML-escaped, matches in <mark>' }),
        snippet: z.string(),
        fields: z.array(z.string()),
      })
      .optional(),
  })
  .meta({ id: 'HfSearchEntry' });

export type HfPaperWire = z.infer<typeof HfPaper>;
export type HfDailyEntryWire = z.infer<typeof HfDailyEntry>;

/** One similar paper: the search entry without highlights. */
export const SimilarEntry = HfSearchEntry.omit({ highlight: true, tier: true })
  .extend({
    matchedBy: z.enum(['keyword', 'semantic', 'both']),
    sharedTerms: z
      .array(z.string())
      .meta({ description: 'why similar: key terms of the source this paper holds too' }),
    meaning: z
      .number()
      .nullable()
      .meta({ description: 'why similar: cosine similarity of meaning (null without vectors)' }),
  })
  .meta({ id: 'SimilarEntry' });
