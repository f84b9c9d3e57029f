/**
 * Accounts over Kysely: users, sessions and single-use sign-in tokens.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Role, User } from '../../core/community/model.ts';
import type {
  LoginTokenRepo,
  NewUser,
  SessionRepo,
  UserPatch,
  UserRepo,
} from '../../core/community/ports.ts';
import { createError } from '../../core/errors.ts';
import type { Database, UsersTable } from './schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role as Role,
    bannedAt: row.banned_at,
    banReason: row.ban_reason,
    createdAt: row.created_at,
    hasPassword: row.password_hash !== null,
  };
}

export class KyselyUserRepo implements UserRepo {
  constructor(private readonly db: Kysely<Database>) {}

  private async one(column: 'id' | 'email' | 'handle', value: string): Promise<User | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  get(id: string) {
    return this.one('id', id);
  }
  getByEmail(email: string) {
    return this.one('email', email);
  }
  getByHandle(handle: string) {
    return this.one('handle', handle);
  }

  async create(user: NewUser): Promise<User> {
    try {
      await this.db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          handle: user.handle,
          display_name: user.displayName,
          password_hash: null,
          role: user.role,
          banned_at: null,
          ban_reason: null,
          created_at: user.createdAt,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw createError('conflict', `an account with this email or handle exists`, {
          cause: error,
        });
      throw error;
    }
    return (await this.get(user.id)) as User;
  }

  async update(id: string, patch: UserPatch): Promise<User> {
    const set: Partial<UsersTable> = {};
    if (patch.handle !== undefined) set.handle = patch.handle;
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.bannedAt !== undefined) set.banned_at = patch.bannedAt;
    if (patch.banReason !== undefined) set.ban_reason = patch.banReason;
    if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
    try {
      if (Object.keys(set).length > 0)
        await this.db.updateTable('users').set(set).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw createError('conflict', `the handle @${patch.handle} is taken`, { cause: error });
      throw error;
    }
    const user = await this.get(id);
    if (!user) throw createError('not_found', `user ${id}`);
    return user;
  }

  async passwordHash(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async search(query: string, limit: number): Promise<User[]> {
    // Case-insensitive on both engines (PostgreSQL's LIKE is case-sensitive, SQLite's is not for
    // ASCII), with % and _ matched as text: the escape character is named, as SQLite has none.
    const like = `%${query.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const matches = (column: 'email' | 'handle') =>
      sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([matches('email'), matches('handle')]))
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export class KyselySessionRepo implements SessionRepo {
  async purgeExpired(now: string): Promise<number> {
    const r = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  constructor(private readonly db: Kysely<Database>) {}

  async create(s: { idHash: string; userId: string; createdAt: string; expiresAt: string }) {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: s.idHash,
        user_id: s.userId,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async find(idHash: string, now: string): Promise<User | null> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .where('s.id_hash', '=', idHash)
      .where('s.expires_at', '>', now)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async delete(idHash: string) {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteAllFor(userId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async count(userId: string, now: string): Promise<number> {
    const row = await this.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export class KyselyLoginTokenRepo implements LoginTokenRepo {
  async purgeBefore(before: string): Promise<number> {
    const r = await this.db
      .deleteFrom('login_tokens')
      .where('created_at', '<', before)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  constructor(private readonly db: Kysely<Database>) {}

  async create(t: { tokenHash: string; email: string; createdAt: string; expiresAt: string }) {
    await this.db
      .insertInto('login_tokens')
      .values({
        token_hash: t.tokenHash,
        email: t.email,
        created_at: t.createdAt,
        expires_at: t.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async peek(tokenHash: string, now: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('login_tokens')
      .select('email')
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.email ?? null;
  }

  async consume(tokenHash: string, now: string): Promise<string | null> {
    // One conditional UPDATE: of two racing requests only one sees a row come back.
    const row = await this.db
      .updateTable('login_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('email')
      .executeTakeFirst();
    return row?.email ?? null;
  }

  async countSince(email: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('login_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', email)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
