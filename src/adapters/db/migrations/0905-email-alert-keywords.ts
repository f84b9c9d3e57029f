/**
 * 0905: include/exclude keywords on email subscriptions (search syntax with AND/OR/NOT), so a
 * saved-search alert mails only the papers its reader wants. '' means no condition, which is
 * what every existing subscription gets.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['include_terms', 'exclude_terms']) {
    await db.schema
      .alterTable('email_subscriptions')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['exclude_terms', 'include_terms']) {
    await db.schema.alterTable('email_subscriptions').dropColumn(column).execute();
  }
}
