/**
 * Prepared statements kept per connection and SQL text: preparing costs 5–20 µs, which adds up
 * on the search path (a query runs a dozen statements). Each SQL text must always be used in the
 * same mode (pluck, raw or plain), since those settings stick to the statement.
 */
import type Database from 'better-sqlite3';

export type Prepare = (sql: string) => Database.Statement;

export function statementCache(db: Database.Database): Prepare {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
