/**
 * Collections and their items over Kysely.
 */
import type { Kysely } from 'kysely';
import type { Collection, CollectionItem } from '../../core/community/model.ts';
import type { CollectionRepo } from '../../core/community/ports.ts';
import { ownerOf } from './row-mapping.ts';
import type { CollectionsTable, Database, UsersTable } from './schema.ts';
import { transact } from './transact.ts';

export class KyselyCollectionRepo implements CollectionRepo {
  constructor(private readonly db: Kysely<Database>) {}

  private select() {
    return this.db
      .selectFrom('collections as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .selectAll('c')
      .select(['u.handle', 'u.display_name']);
  }

  async create(c: {
    id: string;
    userId: string;
    name: string;
    description: string;
    isPublic: boolean;
    at: string;
  }) {
    await this.db
      .insertInto('collections')
      .values({
        id: c.id,
        user_id: c.userId,
        name: c.name,
        description: c.description,
        is_public: c.isPublic ? 1 : 0,
        created_at: c.at,
        updated_at: c.at,
      })
      .execute();
  }

  async get(id: string): Promise<Collection | null> {
    const row = await this.select().where('c.id', '=', id).executeTakeFirst();
    return row ? toCollection(row) : null;
  }

  async update(
    id: string,
    patch: { name: string; description: string; isPublic: boolean },
    at: string,
  ) {
    await this.db
      .updateTable('collections')
      .set({
        name: patch.name,
        description: patch.description,
        is_public: patch.isPublic ? 1 : 0,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string) {
    await transact(this.db, async (trx) => {
      await trx.deleteFrom('collection_items').where('collection_id', '=', id).execute();
      await trx.deleteFrom('collections').where('id', '=', id).execute();
    });
  }

  async listByUser(userId: string, includePrivate: boolean): Promise<Collection[]> {
    let q = this.select().where('c.user_id', '=', userId);
    if (!includePrivate) q = q.where('c.is_public', '=', 1);
    return (await q.orderBy('c.updated_at', 'desc').execute()).map(toCollection);
  }

  async items(collectionId: string): Promise<CollectionItem[]> {
    const rows = await this.db
      .selectFrom('collection_items')
      .selectAll()
      .where('collection_id', '=', collectionId)
      .orderBy('added_at', 'desc')
      .orderBy('paper_id')
      .execute();
    return rows.map((r) => ({ paperId: r.paper_id, note: r.note, addedAt: r.added_at }));
  }

  async putItem(collectionId: string, paperId: string, note: string, at: string) {
    await transact(this.db, async (trx) => {
      await trx
        .insertInto('collection_items')
        .values({ collection_id: collectionId, paper_id: paperId, note, added_at: at })
        .onConflict((oc) => oc.columns(['collection_id', 'paper_id']).doUpdateSet({ note }))
        .execute();
      await trx
        .updateTable('collections')
        .set({ updated_at: at })
        .where('id', '=', collectionId)
        .execute();
    });
  }

  async removeItem(collectionId: string, paperId: string, at: string) {
    await transact(this.db, async (trx) => {
      await trx
        .deleteFrom('collection_items')
        .where('collection_id', '=', collectionId)
        .where('paper_id', '=', paperId)
        .execute();
      await trx
        .updateTable('collections')
        .set({ updated_at: at })
        .where('id', '=', collectionId)
        .execute();
    });
  }
}

function toCollection(
  r: CollectionsTable & Pick<UsersTable, 'handle' | 'display_name'>,
): Collection {
  return {
    id: r.id,
    owner: ownerOf(r),
    name: r.name,
    description: r.description,
    isPublic: r.is_public === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
