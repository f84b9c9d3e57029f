/**
 * 0401: email — addresses (verification, bounces, rate limits), subscriptions (trending, saved
 * searches, authors), the digest ledger with its unique (subscription, period) key, the papers
 * each address has been sent, and the send lock.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_addresses')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('verified_at', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('bounce_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_bounce', 'text')
    .addColumn('confirmations_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_confirmation_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull().references('email_addresses.address'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('min_score', 'real')
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('cursor', 'text')
    .addUniqueConstraint('email_subscriptions_what', ['address', 'kind', 'query'])
    .execute();
  await db.schema
    .createIndex('email_subscriptions_status')
    .on('email_subscriptions')
    .columns(['status', 'id'])
    .execute();

  await db.schema
    .createTable('email_digests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) =>
      c.notNull().references('email_subscriptions.id').onDelete('cascade'),
    )
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('picks', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('smtp_response', 'text')
    // Exactly once: one digest per subscription and period, whatever happens.
    .addUniqueConstraint('email_digests_once', ['subscription_id', 'period'])
    .execute();
  await db.schema
    .createIndex('email_digests_due')
    .on('email_digests')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('email_sent_papers')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addColumn('digest_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_sent_papers_pk', ['address', 'paper_id'])
    .execute();

  await db.schema
    .createTable('email_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .execute();

  // Alerts read the papers added to the store in a time window.
  await db.schema
    .createIndex('email_papers_created_at')
    .on('papers')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('email_papers_created_at').execute();
  for (const table of [
    'email_locks',
    'email_sent_papers',
    'email_digests',
    'email_subscriptions',
    'email_addresses',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
