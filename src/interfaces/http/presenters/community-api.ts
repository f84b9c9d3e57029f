/**
 * Wire shapes of paperboy's community JSON (schemas/community-api.ts): comments, collections,
 * subscriptions and the caller. Fixes field names and hides what the public must not see
 * (deleted and hidden comment bodies, addresses).
 */

import type { z } from 'zod';
import type { CollectionView } from '../../../core/community/collections.ts';
import type { Collection, Comment, User } from '../../../core/community/model.ts';
import type { Subscription } from '../../../core/digests/model.ts';
import type {
  CollectionDetail,
  CollectionWire,
  CommentWire,
  Me,
  SubscriptionWire,
} from '../schemas/community-api.ts';
import type { Auth } from '../token-auth.ts';

export function presentMe(user: User, auth: Auth): z.infer<typeof Me> {
  return {
    id: user.id,
    handle: user.handle,
    displayName: user.displayName,
    role: user.role,
    auth:
      auth.via === 'token'
        ? { via: 'token', scope: auth.scope }
        : { via: 'session', scope: 'write' },
  };
}

export function presentComment(c: Comment): z.infer<typeof CommentWire> {
  const state = c.deletedAt ? 'deleted' : c.hiddenAt ? 'hidden' : 'visible';
  return {
    id: c.id,
    paperId: c.paperId,
    parentId: c.parentId,
    author: { handle: c.author.handle, displayName: c.author.displayName },
    body: state === 'visible' ? c.body : null,
    state,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
  };
}

export function presentCollection(c: Collection, baseUrl: string): z.infer<typeof CollectionWire> {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    public: c.isPublic,
    owner: { handle: c.owner.handle, displayName: c.owner.displayName },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    url: new URL(`/collections/${c.id}`, baseUrl).toString(),
  };
}

export function presentCollectionDetail(
  view: CollectionView,
  baseUrl: string,
): z.infer<typeof CollectionDetail> {
  return {
    ...presentCollection(view.collection, baseUrl),
    items: view.items.map((i) => ({
      paperId: i.paper.id,
      title: i.paper.title,
      authors: i.paper.authors,
      note: i.note,
      addedAt: i.addedAt,
    })),
  };
}

export function presentSubscription(s: Subscription): z.infer<typeof SubscriptionWire> {
  return {
    id: s.id,
    kind: s.kind,
    query: s.query,
    cadence: s.cadence,
    timeZone: s.timeZone,
    status: s.status,
    createdAt: s.createdAt,
    confirmedAt: s.confirmedAt,
    unsubscribedAt: s.unsubscribedAt,
  };
}
