/**
 * paperboy's own paper format (`/api/v1/papers/{id}`; what `paperboy export` writes and
 * `paperboy import` reads), plus derived arXiv links. Richer than Hugging Face's: categories,
 * versions, DOI, journal reference, arXiv comments, provenance.
 */
import { z } from 'zod';

const nullableString = z.string().nullable();

const ListingUser = z.object({
  id: nullableString,
  name: z.string(),
  fullname: nullableString,
  avatarUrl: nullableString,
  type: nullableString,
});

export const PaperV1 = z
  .object({
    id: z.string().meta({ example: '2608.19880' }),
    version: z.number().int().nullable(),
    title: z.string(),
    abstract: z.string(),
    authors: z.array(z.string()),
    categories: z.array(z.string()),
    submittedAt: nullableString.meta({ description: 'first submission (v1), ISO 8601' }),
    updatedAt: nullableString,
    doi: nullableString,
    journalRef: nullableString,
    comments: nullableString.meta({ description: 'the arXiv comments field' }),
    links: z.object({
      abs: z.string(),
      pdf: z.string(),
      code: nullableString,
      project: nullableString,
    }),
    versions: z.array(z.object({ version: z.number().int(), submittedAt: nullableString })),
    community: z.object({
      featuredDays: z.array(
        z.object({
          day: z.string(),
          rank: z.number().int().nullable(),
          featuredAt: nullableString,
        }),
      ),
      submittedBy: nullableString,
      upvotes: z.number().int().meta({ description: 'imported baseline plus local upvotes' }),
      commentCount: z.number().int(),
      aiSummary: nullableString,
      aiKeywords: z.array(z.string()),
      organization: nullableString,
      githubStars: z.number().int().nullable(),
      thumbnail: nullableString,
      listing: z
        .object({
          listedAt: nullableString,
          discussionId: nullableString,
          submitter: ListingUser.nullable(),
          organization: z
            .object({
              id: nullableString,
              name: z.string(),
              fullname: nullableString,
              avatar: nullableString,
            })
            .nullable(),
          authors: z.array(
            z.object({
              name: z.string(),
              id: nullableString,
              hidden: z.boolean(),
              status: nullableString,
              statusChangedAt: nullableString,
              user: ListingUser.nullable(),
            }),
          ),
          mediaUrls: z.array(z.string()),
          authorParticipating: z.boolean().nullable(),
          githubRepoAddedBy: nullableString,
          aiSummaryModel: nullableString,
        })
        .nullable()
        .meta({ description: 'how a daily-papers source listed the paper' }),
    }),
    provenance: z.object({ source: z.string(), fetchedAt: z.string() }),
  })
  .meta({ id: 'Paper' });

export type PaperV1Wire = z.infer<typeof PaperV1>;
