/**
 * SubscriptionRepo over Kysely (SQLite and PostgreSQL): email addresses and their subscriptions.
 */
import type { Kysely, Selectable } from 'kysely';
import type {
  Cadence,
  EmailAddress,
  Subscription,
  SubscriptionKind,
  SubscriptionStatus,
} from '../../core/digests/model.ts';
import type { SubscriptionRepo } from '../../core/digests/ports.ts';
import { fromRow, toRow } from './row-mapping.ts';
import type { Database, EmailAddressesTable, EmailSubscriptionsTable } from './schema.ts';

export class KyselySubscriptionRepo implements SubscriptionRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async getAddress(address: string): Promise<EmailAddress | null> {
    const row = await this.db
      .selectFrom('email_addresses')
      .selectAll()
      .where('address', '=', address)
      .executeTakeFirst();
    return row ? toAddress(row) : null;
  }

  async ensureAddress(address: string, now: Date): Promise<EmailAddress> {
    await this.db
      .insertInto('email_addresses')
      .values({ address, bounce_count: 0, confirmations_sent: 0, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('address').doNothing())
      .execute();
    const row = await this.getAddress(address);
    if (!row) throw new Error(`address row for ${address} vanished`);
    return row;
  }

  async updateAddress(
    address: string,
    changes: Partial<Omit<EmailAddress, 'address' | 'createdAt'>>,
  ): Promise<void> {
    const set: Partial<EmailAddressesTable> = {};
    if ('verifiedAt' in changes) set.verified_at = changes.verifiedAt ?? null;
    if ('disabledAt' in changes) set.disabled_at = changes.disabledAt ?? null;
    if (changes.bounceCount !== undefined) set.bounce_count = changes.bounceCount;
    if ('lastBounce' in changes) set.last_bounce = changes.lastBounce ?? null;
    if (changes.confirmationsSent !== undefined) set.confirmations_sent = changes.confirmationsSent;
    if ('lastConfirmationAt' in changes)
      set.last_confirmation_at = changes.lastConfirmationAt ?? null;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('email_addresses').set(set).where('address', '=', address).execute();
  }

  async create(s: Subscription): Promise<void> {
    await this.db.insertInto('email_subscriptions').values(toSubscriptionRow(s)).execute();
  }

  async get(id: string): Promise<Subscription | null> {
    const row = await this.db
      .selectFrom('email_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async find(address: string, kind: SubscriptionKind, query: string): Promise<Subscription | null> {
    const row = await this.db
      .selectFrom('email_subscriptions')
      .selectAll()
      .where('address', '=', address)
      .where('kind', '=', kind)
      .where('query', '=', query)
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async listByAddress(address: string): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('email_subscriptions')
      .selectAll()
      .where('address', '=', address)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubscription);
  }

  async update(id: string, changes: Parameters<SubscriptionRepo['update']>[1]): Promise<void> {
    const set: Partial<EmailSubscriptionsTable> = {};
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.cadence !== undefined) set.cadence = changes.cadence;
    if (changes.timeZone !== undefined) set.time_zone = changes.timeZone;
    if ('confirmedAt' in changes) set.confirmed_at = changes.confirmedAt ?? null;
    if ('unsubscribedAt' in changes) set.unsubscribed_at = changes.unsubscribedAt ?? null;
    if ('cursor' in changes) set.cursor = changes.cursor ?? null;
    if ('minScore' in changes) set.min_score = changes.minScore ?? null;
    if ('userId' in changes) set.user_id = changes.userId ?? null;
    if (changes.includeTerms !== undefined) set.include_terms = changes.includeTerms;
    if (changes.excludeTerms !== undefined) set.exclude_terms = changes.excludeTerms;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('email_subscriptions').set(set).where('id', '=', id).execute();
  }

  async listDeliverable(
    after: string | null,
    limit: number,
    address?: string,
  ): Promise<Subscription[]> {
    let q = this.db
      .selectFrom('email_subscriptions as s')
      .innerJoin('email_addresses as a', 'a.address', 's.address')
      .selectAll('s')
      .where('s.status', '=', 'active')
      .where('a.disabled_at', 'is', null);
    if (after !== null) q = q.where('s.id', '>', after);
    if (address) q = q.where('s.address', '=', address);
    const rows = await q.orderBy('s.id').limit(limit).execute();
    return rows.map(toSubscription);
  }

  async list(page: { limit: number; offset: number }) {
    const [rows, total] = await Promise.all([
      this.db
        .selectFrom('email_subscriptions')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      this.db
        .selectFrom('email_subscriptions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toSubscription), total: Number(total.n) };
  }
}

const toSubscriptionRow = toRow<EmailSubscriptionsTable, Subscription>();

export const toSubscription = fromRow<Subscription, Selectable<EmailSubscriptionsTable>>((row) => ({
  kind: row.kind as SubscriptionKind,
  cadence: row.cadence as Cadence,
  status: row.status as SubscriptionStatus,
}));

const toAddress = fromRow<EmailAddress, Selectable<EmailAddressesTable>>();
