/**
 * The digest ledger over Kysely (SQLite and PostgreSQL). The unique (subscription_id, period)
 * constraint is what makes a digest exist once; `markSent` is a conditional update from pending,
 * so the commit point can only be passed once; the send lock keeps planners from racing.
 */
import { hostname } from 'node:os';
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { Digest, DigestPick, DigestStatus, Subscription } from '../../core/digests/model.ts';
import type { DigestRepo, NewDigest } from '../../core/digests/ports.ts';
import { toSubscription } from './kysely-subscription-repo.ts';
import type { Database, EmailDigestsTable } from './schema.ts';
import { checkpointIfIdle } from './sqlite/checkpoint.ts';

const CHUNK = 400;
const LOCK = 'digests:send';

export class KyselyDigestRepo implements DigestRepo {
  private markSentNow: SqliteDatabase.Statement<[string, string]> | null = null;
  private markConfirmedNow: SqliteDatabase.Statement<[string, string, string]> | null = null;

  /**
   * `sqlite`: the raw handle under `db` when the store is SQLite, so `markSent` can commit
   * synchronously (see markSent).
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite?: SqliteDatabase.Database,
  ) {}

  async existingKeys(keys: { subscriptionId: string; period: string }[]): Promise<Set<string>> {
    const found = new Set<string>();
    const wanted = new Set(keys.map((k) => `${k.subscriptionId}|${k.period}`));
    const ids = [...new Set(keys.map((k) => k.subscriptionId))];
    const periods = [...new Set(keys.map((k) => k.period))];
    for (const chunk of chunks(ids, CHUNK)) {
      const rows = await this.db
        .selectFrom('email_digests')
        .select(['subscription_id', 'period'])
        .where('subscription_id', 'in', chunk)
        .where('period', 'in', periods)
        .execute();
      for (const r of rows) {
        const key = `${r.subscription_id}|${r.period}`;
        if (wanted.has(key)) found.add(key);
      }
    }
    return found;
  }

  async sentPapers(addresses: string[], paperIds: string[]): Promise<Map<string, Set<string>>> {
    const sent = new Map<string, Set<string>>();
    if (addresses.length === 0 || paperIds.length === 0) return sent;
    for (const a of chunks(addresses, CHUNK)) {
      for (const p of chunks(paperIds, 4 * CHUNK)) {
        const rows = await this.db
          .selectFrom('email_sent_papers')
          .select(['address', 'paper_id'])
          .where('address', 'in', a)
          .where('paper_id', 'in', p)
          .execute();
        for (const r of rows) {
          let set = sent.get(r.address);
          if (!set) {
            set = new Set();
            sent.set(r.address, set);
          }
          set.add(r.paper_id);
        }
      }
    }
    return sent;
  }

  async record(digests: NewDigest[]): Promise<number> {
    let recorded = 0;
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of chunks(digests, 100)) {
        const inserted = await trx
          .insertInto('email_digests')
          .values(chunk.map((d) => toRow(d.digest)))
          .onConflict((oc) => oc.columns(['subscription_id', 'period']).doNothing())
          .returning('id')
          .execute();
        const ids = new Set(inserted.map((r) => r.id));
        recorded += ids.size;
        const kept = chunk.filter((d) => ids.has(d.digest.id));
        const sent = kept.flatMap((d) =>
          d.digest.picks.map((p) => ({
            address: d.digest.address,
            paper_id: p.paperId,
            digest_id: d.digest.id,
            created_at: d.digest.createdAt,
          })),
        );
        for (const rows of chunks(sent, 500)) {
          await trx
            .insertInto('email_sent_papers')
            .values(rows)
            .onConflict((oc) => oc.columns(['address', 'paper_id']).doNothing())
            .execute();
        }
        for (const d of kept) {
          if (d.cursor === null) continue;
          await trx
            .updateTable('email_subscriptions')
            .set({ cursor: d.cursor })
            .where('id', '=', d.digest.subscriptionId)
            .execute();
        }
      }
    });
    return recorded;
  }

  async listDeliverable(now: Date, after: string | null, limit: number, address?: string) {
    let q = this.db
      .selectFrom('email_digests as d')
      .innerJoin('email_subscriptions as s', 's.id', 'd.subscription_id')
      .innerJoin('email_addresses as a', 'a.address', 'd.address')
      .selectAll('d')
      .select([
        's.id as s_id',
        's.address as s_address',
        's.kind as s_kind',
        's.cadence as s_cadence',
        's.query as s_query',
        's.time_zone as s_time_zone',
        's.status as s_status',
        's.min_score as s_min_score',
        's.user_id as s_user_id',
        's.created_at as s_created_at',
        's.confirmed_at as s_confirmed_at',
        's.unsubscribed_at as s_unsubscribed_at',
        's.cursor as s_cursor',
        'a.bounce_count as a_bounce_count',
      ])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now.toISOString())
      .where('s.status', '=', 'active')
      .whereRef('d.created_at', '>=', 's.confirmed_at')
      .where('a.disabled_at', 'is', null);
    if (after !== null) q = q.where('d.id', '>', after);
    if (address) q = q.where('d.address', '=', address);
    const rows = await q.orderBy('d.id').limit(limit).execute();
    return rows.map((r) => {
      const subscription: Subscription = toSubscription({
        id: r.s_id,
        address: r.s_address,
        kind: r.s_kind,
        cadence: r.s_cadence,
        query: r.s_query,
        time_zone: r.s_time_zone,
        status: r.s_status,
        min_score: r.s_min_score,
        user_id: r.s_user_id,
        created_at: r.s_created_at,
        confirmed_at: r.s_confirmed_at,
        unsubscribed_at: r.s_unsubscribed_at,
        cursor: r.s_cursor,
      });
      return { digest: toDigest(r), subscription, addressBounces: r.a_bounce_count };
    });
  }

  markSent(id: string, now: Date): void | Promise<void> {
    // On SQLite, outside anyone's open transaction, commit right here (autocommit, WAL): the
    // caller writes the end-of-data marker in the same synchronous run, so a crash can only
    // fall between two system calls. Inside another transaction, wait for it through Kysely.
    if (this.sqlite && !this.sqlite.inTransaction) {
      this.markSentNow ??= this.sqlite.prepare(
        "UPDATE email_digests SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'pending'",
      );
      if (this.markSentNow.run(now.toISOString(), id).changes !== 1) throw notPending(id);
      return;
    }
    return this.markSentLater(id, now);
  }

  private async markSentLater(id: string, now: Date): Promise<void> {
    const result = await this.db
      .updateTable('email_digests')
      .set({ status: 'sent', sent_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notPending(id);
  }

  async holdHousekeeping(): Promise<() => Promise<void>> {
    const sqlite = this.sqlite;
    if (!sqlite) return async () => {};
    const before = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
    sqlite.pragma('wal_autocheckpoint = 0');
    return async () => {
      sqlite.pragma(`wal_autocheckpoint = ${Number(before) || 1000}`);
      checkpointIfIdle(sqlite, 'PASSIVE');
    };
  }

  async markConfirmed(id: string, now: Date, response: string): Promise<void> {
    if (this.sqlite && !this.sqlite.inTransaction) {
      this.markConfirmedNow ??= this.sqlite.prepare(
        'UPDATE email_digests SET confirmed_at = ?, smtp_response = ?, last_error = NULL WHERE id = ?',
      );
      this.markConfirmedNow.run(now.toISOString(), response.slice(0, 500), id);
      return;
    }
    await this.db
      .updateTable('email_digests')
      .set({
        confirmed_at: now.toISOString(),
        smtp_response: response.slice(0, 500),
        last_error: null,
      })
      .where('id', '=', id)
      .execute();
  }

  async markRetry(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db
      .updateTable('email_digests')
      .set((eb) => ({
        status: 'pending',
        sent_at: null,
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
        next_attempt_at: nextAttemptAt.toISOString(),
      }))
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('email_digests')
      .set((eb) => ({
        status: 'failed',
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
      }))
      .where('id', '=', id)
      .execute();
  }

  async noteUnconfirmed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('email_digests')
      .set({ last_error: `unconfirmed: ${error}`.slice(0, 2000) })
      .where('id', '=', id)
      .execute();
  }

  async recordBounce(address: string, error: string, now: Date, maxBounces: number) {
    await this.db
      .updateTable('email_addresses')
      .set((eb) => ({
        bounce_count: eb('bounce_count', '+', 1),
        last_bounce: error.slice(0, 2000),
      }))
      .where('address', '=', address)
      .execute();
    const result = await this.db
      .updateTable('email_addresses')
      .set({ disabled_at: now.toISOString() })
      .where('address', '=', address)
      .where('bounce_count', '>=', maxBounces)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async clearBounces(address: string): Promise<void> {
    await this.db
      .updateTable('email_addresses')
      .set({ bounce_count: 0 })
      .where('address', '=', address)
      .where('bounce_count', '>', 0)
      .execute();
  }

  async get(id: string): Promise<Digest | null> {
    const row = await this.db
      .selectFrom('email_digests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toDigest(row) : null;
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('email_digests')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async countUnconfirmed(): Promise<number> {
    const row = await this.db
      .selectFrom('email_digests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'sent')
      .where('confirmed_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async acquireLock(owner: string, now: Date, until: Date): Promise<boolean> {
    const inserted = await this.db
      .insertInto('email_locks')
      .values({ name: LOCK, owner, until: until.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
    const row = await this.db
      .selectFrom('email_locks')
      .selectAll()
      .where('name', '=', LOCK)
      .executeTakeFirst();
    if (!row) return this.acquireLock(owner, now, until);
    const free = row.owner === owner || row.until < now.toISOString() || !ownerAlive(row.owner);
    if (!free) return false;
    const taken = await this.db
      .updateTable('email_locks')
      .set({ owner, until: until.toISOString() })
      .where('name', '=', LOCK)
      .where('owner', '=', row.owner)
      .where('until', '=', row.until)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }

  async renewLock(owner: string, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('email_locks')
      .set({ until: until.toISOString() })
      .where('name', '=', LOCK)
      .where('owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseLock(owner: string): Promise<void> {
    await this.db
      .deleteFrom('email_locks')
      .where('name', '=', LOCK)
      .where('owner', '=', owner)
      .execute();
  }
}

/**
 * Whether the process named in a lock owner (`<host>:<pid>:<random>`) may still run: on another
 * host we cannot tell (its lease decides); on this host a missing pid means it died.
 */
function ownerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function notPending(id: string): Error {
  return new Error(`digest ${id} is no longer pending; not sending it again`);
}

function toRow(d: Digest): EmailDigestsTable {
  return {
    id: d.id,
    subscription_id: d.subscriptionId,
    address: d.address,
    period: d.period,
    status: d.status,
    window_from: d.windowFrom,
    window_to: d.windowTo,
    picks: JSON.stringify(d.picks),
    message_id: d.messageId,
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt,
    last_error: d.lastError,
    created_at: d.createdAt,
    sent_at: d.sentAt,
    confirmed_at: d.confirmedAt,
    smtp_response: d.smtpResponse,
  };
}

function toDigest(row: Selectable<EmailDigestsTable>): Digest {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    address: row.address,
    period: row.period,
    status: row.status as DigestStatus,
    windowFrom: row.window_from,
    windowTo: row.window_to,
    picks: JSON.parse(row.picks) as DigestPick[],
    messageId: row.message_id,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    confirmedAt: row.confirmed_at,
    smtpResponse: row.smtp_response,
  };
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
