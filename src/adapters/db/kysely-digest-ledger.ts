/**
 * The digest ledger over Kysely (SQLite and PostgreSQL): one row per (subscription, period) —
 * the unique constraint is what makes a digest exist once — with the papers each address was
 * sent, written in one transaction before anything is sent.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Digest, DigestPick, DigestStatus, Subscription } from '../../core/digests/model.ts';
import type { DigestLedger, NewDigest } from '../../core/digests/ports.ts';
import { toSubscription } from './kysely-subscription-repo.ts';
import { fromRow, toRow } from './row-mapping.ts';
import type { Database, EmailDigestsTable } from './schema.ts';
import { transact } from './transact.ts';

const CHUNK = 400;

export class KyselyDigestLedger implements DigestLedger {
  constructor(private readonly db: Kysely<Database>) {}

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
    // Counted inside the transaction: PostgreSQL may run it again after a serialization failure.
    return transact(this.db, async (trx) => {
      let recorded = 0;
      for (const chunk of chunks(digests, 100)) {
        const inserted = await trx
          .insertInto('email_digests')
          .values(chunk.map((d) => toDigestRow(d.digest)))
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
      return recorded;
    });
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
        's.include_terms as s_include_terms',
        's.exclude_terms as s_exclude_terms',
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
        include_terms: r.s_include_terms,
        exclude_terms: r.s_exclude_terms,
      });
      return { digest: toDigest(r), subscription, addressBounces: r.a_bounce_count };
    });
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
}

const toDigestRow = toRow<EmailDigestsTable, Digest>((d) => ({ picks: JSON.stringify(d.picks) }));

const toDigest = fromRow<Digest, Selectable<EmailDigestsTable>>((row) => ({
  status: row.status as DigestStatus,
  picks: JSON.parse(row.picks) as DigestPick[],
}));

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
