/**
 * Collections: named lists of papers with an optional note per paper, private or public. Public
 * ones have a page and feeds; private ones are invisible (404) to everyone but their owner.
 */
import { createError } from '../errors.ts';
import type { Paper } from '../papers/model.ts';
import type { CommunityContext } from './context.ts';
import type { Collection, User } from './model.ts';
import { assertCanAct } from './permissions.ts';
import { newId } from './secrets.ts';
import { findOrFetchPaper } from './submissions.ts';

type Ctx = CommunityContext;

export interface CollectionFields {
  name: string;
  description: string;
  isPublic: boolean;
}

function clean(fields: CollectionFields): CollectionFields {
  const name = fields.name.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 100)
    throw createError('invalid_input', 'a collection name has 1 to 100 characters');
  const description = fields.description.trim().slice(0, 2000);
  return { name, description, isPublic: fields.isPublic };
}

/** The collection when the viewer may see it; private ones are "not found" to others. */
async function visible(ctx: Ctx, viewer: User | null, id: string): Promise<Collection> {
  const collection = await ctx.collections.get(id);
  if (!collection || (!collection.isPublic && collection.owner.id !== viewer?.id)) {
    throw createError('not_found', `collection ${id}`);
  }
  return collection;
}

/** The collection when the user owns it. */
async function owned(ctx: Ctx, user: User | null, id: string): Promise<Collection> {
  assertCanAct(user);
  const collection = await visible(ctx, user, id);
  if (collection.owner.id !== user.id)
    throw createError('forbidden', 'only its owner can change a collection');
  return collection;
}

export async function createCollection(
  ctx: Ctx,
  user: User | null,
  fields: CollectionFields,
): Promise<string> {
  assertCanAct(user);
  const id = newId();
  await ctx.collections.create({
    id,
    userId: user.id,
    ...clean(fields),
    at: ctx.clock.now().toISOString(),
  });
  return id;
}

export async function updateCollection(
  ctx: Ctx,
  user: User | null,
  id: string,
  fields: CollectionFields,
): Promise<void> {
  await owned(ctx, user, id);
  await ctx.collections.update(id, clean(fields), ctx.clock.now().toISOString());
}

export async function deleteCollection(ctx: Ctx, user: User | null, id: string): Promise<void> {
  await owned(ctx, user, id);
  await ctx.collections.delete(id);
}

/** Adds a paper (id or URL; fetched when unknown) or updates its note. */
export async function putInCollection(
  ctx: Ctx,
  user: User | null,
  id: string,
  paperInput: string,
  note: string,
): Promise<Paper> {
  await owned(ctx, user, id);
  const paper = await findOrFetchPaper(ctx, paperInput);
  await ctx.collections.putItem(
    id,
    paper.id,
    note.trim().slice(0, 2000),
    ctx.clock.now().toISOString(),
  );
  return paper;
}

/** Name of the private collection a save without a chosen collection goes to. */
export const READING_LIST = 'Reading list';

/**
 * Saves a paper for a reader who chose no collection: into their "Reading list" (made private on
 * first use). Returns the collection's id.
 */
export async function saveToReadingList(
  ctx: Ctx,
  user: User | null,
  paperId: string,
  note: string,
): Promise<string> {
  assertCanAct(user);
  const mine = await ctx.collections.listByUser(user.id, true);
  const id =
    mine.find((c) => c.name === READING_LIST)?.id ??
    (await createCollection(ctx, user, { name: READING_LIST, description: '', isPublic: false }));
  await putInCollection(ctx, user, id, paperId, note);
  return id;
}

export async function removeFromCollection(
  ctx: Ctx,
  user: User | null,
  id: string,
  paperId: string,
): Promise<void> {
  await owned(ctx, user, id);
  await ctx.collections.removeItem(id, paperId, ctx.clock.now().toISOString());
}

export interface CollectionView {
  collection: Collection;
  items: { paper: Paper; note: string; addedAt: string }[];
}

/** A collection with its papers, most recently added first. */
export async function getCollection(
  ctx: Ctx,
  viewer: User | null,
  id: string,
): Promise<CollectionView> {
  const collection = await visible(ctx, viewer, id);
  const items = await ctx.collections.items(id);
  const papers = new Map(
    (await ctx.papers.getMany(items.map((i) => i.paperId))).map((p) => [p.id, p]),
  );
  return {
    collection,
    items: items.flatMap((i) => {
      const paper = papers.get(i.paperId);
      return paper ? [{ paper, note: i.note, addedAt: i.addedAt }] : [];
    }),
  };
}

/** A user's collections: all of them for the owner, public ones for everyone else. */
export function listCollections(
  ctx: Ctx,
  viewer: User | null,
  ownerId: string,
): Promise<Collection[]> {
  return ctx.collections.listByUser(ownerId, viewer?.id === ownerId);
}
