/**
 * Multi-row INSERTs that are cheap on both engines. SQLite gets `VALUES (…), (…)`. On PostgreSQL
 * the same statement with 500 rows × 26 columns carries 13,000 parameters, and parsing and
 * binding them cost the server more than inserting the rows (measured on the import path); there
 * the rows go as one array per column, unnested: `INSERT … SELECT * FROM unnest($1::text[], …)`.
 * Either way the caller chains `onConflict(…)` and executes.
 */
import {
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  PostgresAdapter,
  sql,
} from 'kysely';
import type { Database } from './schema.ts';

/** PostgreSQL element type of each column written (portable types only: text and integers). */
export type ColumnTypes<T extends keyof Database> = Record<
  keyof Insertable<Database[T]> & string,
  'text' | 'int4' | 'float8'
>;

export function insertRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
  types: ColumnTypes<T>,
): InsertQueryBuilder<Database, T, InsertResult> {
  const query = db.insertInto(table);
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return query.values(rows);
  const columns = Object.keys(types) as (keyof Insertable<Database[T]> & string)[];
  const arrays = columns.map((column) => {
    const values = rows.map((row) => (row as Record<string, unknown>)[column] ?? null);
    return sql`${values}::${sql.raw(types[column])}[]`;
  });
  return query
    .columns(columns as never)
    .expression(sql`select * from unnest(${sql.join(arrays)})` as never);
}
