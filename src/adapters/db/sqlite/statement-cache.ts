/**
 * Prepared statements kept per connection and SQL text: preparing costs 5–20 µs, which adds up
 * on the search path (a query runs a dozen statements). Bounded (least recently used goes first):
 * SQL texts vary with the input (IN lists, filters), and each cached statement holds memory.
 * Each SQL text must always be used in the same mode (pluck, raw or plain), since those settings
 * stick to the statement.
 */
import type Database from 'better-sqlite3';

export type Prepare = (sql: string) => Database.Statement;

/** Default number of statements kept. */
const MAX_STATEMENTS = 512;

export function statementCache(db: Database.Database, max = MAX_STATEMENTS): Prepare {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below: most recently used last
    } else {
      statement = db.prepare(sql);
      if (cache.size >= max) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    cache.set(sql, statement);
    return statement;
  };
}
