/**
 * paperboy's own JSON for accounts, votes, comments, collections and email subscriptions: request
 * bodies (validated here) and response shapes (what presenters/community-api.ts produces), both
 * documented in /openapi.json from these schemas.
 */
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../../../core/community/comments.ts';
import { ArxivId } from './common.ts';

const instant = z.string().meta({ format: 'date-time' });

export const UserRefWire = z
  .object({ handle: z.string(), displayName: z.string() })
  .meta({ id: 'UserRef' });

export const Me = z
  .object({
    id: z.string(),
    handle: z.string(),
    displayName: z.string(),
    role: z.enum(['reader', 'moderator', 'admin']),
    auth: z.object({
      via: z.enum(['token', 'session']),
      scope: z.enum(['read', 'write']).meta({ description: 'a session may do everything' }),
    }),
  })
  .meta({ id: 'Me', description: 'Who the request is made as.' });

export const VoteState = z
  .object({
    paperId: z.string(),
    voted: z.boolean().meta({ description: 'whether you upvote it now' }),
    upvotes: z.number().int().meta({ description: 'imported upvotes plus local ones' }),
  })
  .meta({ id: 'VoteState' });

export const CommentWire = z
  .object({
    id: z.string(),
    paperId: z.string(),
    parentId: z.string().nullable().meta({ description: 'the thread it replies to' }),
    author: UserRefWire,
    body: z.string().nullable().meta({ description: 'Markdown; null when deleted or hidden' }),
    state: z.enum(['visible', 'deleted', 'hidden']),
    createdAt: instant,
    editedAt: instant.nullable(),
  })
  .meta({ id: 'Comment' });

export const CommentBody = z
  .object({
    body: z
      .string()
      .min(1, 'write something')
      .max(MAX_COMMENT_LENGTH, `must be at most ${MAX_COMMENT_LENGTH} characters`)
      .meta({ description: 'Markdown' }),
    parentId: z.string().max(40).optional().meta({ description: 'reply to this comment' }),
  })
  .meta({ id: 'NewComment' });

export const CollectionWire = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    public: z.boolean(),
    owner: UserRefWire,
    createdAt: instant,
    updatedAt: instant,
    url: z.string().meta({ description: 'its page' }),
  })
  .meta({ id: 'Collection' });

export const CollectionItemWire = z
  .object({
    paperId: z.string(),
    title: z.string(),
    authors: z.array(z.string()),
    note: z.string(),
    addedAt: instant,
  })
  .meta({ id: 'CollectionItem' });

export const CollectionDetail = CollectionWire.extend({
  items: z.array(CollectionItemWire).meta({ description: 'most recently added first' }),
}).meta({ id: 'CollectionWithItems' });

export const CollectionBody = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(2000).default(''),
    public: z.boolean().default(false),
  })
  .meta({ id: 'NewCollection' });

export const CollectionAddBody = z
  .object({
    paper: ArxivId.meta({ description: 'arXiv id or URL; fetched from arXiv when not stored' }),
    note: z.string().max(2000).default(''),
  })
  .meta({ id: 'CollectionAdd' });

export const CollectionParams = z.object({
  id: z
    .string()
    .max(40)
    .meta({ param: { name: 'id', in: 'path' }, example: 'k3x9q2m7w4bz' }),
});

export const CollectionPaperParams = CollectionParams.extend({
  paperId: ArxivId.meta({
    param: { name: 'paperId', in: 'path' },
    description: 'old-style ids with the slash encoded: hep-th%2F9901001',
    example: '2608.19880',
  }),
});

export const CollectionListQuery = z.object({
  user: z
    .string()
    .max(40)
    .optional()
    .meta({ description: "a handle: that user's public collections (default: your own, all)" }),
});

export const SubscriptionWire = z
  .object({
    id: z.string(),
    kind: z.enum(['trending', 'search', 'author', 'for-you']),
    query: z.string().meta({ description: 'search: the saved search; author: the name' }),
    cadence: z.enum(['daily', 'weekly']),
    timeZone: z.string(),
    status: z.enum(['pending', 'active', 'unsubscribed']),
    createdAt: instant,
    confirmedAt: instant.nullable(),
    unsubscribedAt: instant.nullable(),
  })
  .meta({ id: 'Subscription' });

export const SubscriptionBody = z
  .object({
    kind: z.enum(['trending', 'search', 'author', 'for-you']),
    query: z
      .string()
      .max(2000)
      .optional()
      .meta({ description: 'search: words and filters as in /search; author: a name' }),
    cadence: z.enum(['daily', 'weekly']).default('daily'),
    timeZone: z.string().max(100).optional().meta({ example: 'Europe/Berlin' }),
  })
  .meta({ id: 'NewSubscription' });

export const SubscriptionParams = z.object({
  id: z
    .string()
    .max(40)
    .meta({ param: { name: 'id', in: 'path' } }),
});

export const IndexBody = z
  .object({ arxivId: ArxivId })
  .meta({ id: 'IndexRequest', description: "Hugging Face's body: the paper to fetch and store" });
