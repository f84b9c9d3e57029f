/**
 * Tables as rows, on either engine: a snapshot of every table (to tell whether a migration lost
 * anything), and a copy of a store's rows into a store on an older schema (the columns that
 * schema has) — how the migration test gets data that an older version would have written.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Store } from '../../src/adapters/db/connect.ts';

/** Tables the store derives itself (SQLite's full-text index and its keys): never copied. */
const DERIVED = /^(papers_fts|paper_docids$|search_)/;

/** The store's own tables (not the migrator's, not SQLite's internals). */
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** The store's Kysely handle, for tables it does not type. */
const anyDb = (store: Store) => store.db as unknown as AnyDb;

export async function tablesOf(store: Store, db: AnyDb = anyDb(store)): Promise<string[]> {
  const rows =
    store.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_migration'));
}

/** A table's columns; identity columns (PostgreSQL numbers them itself) marked. */
async function columnsOf(
  store: Store,
  db: AnyDb,
  table: string,
): Promise<{ name: string; identity: boolean }[]> {
  if (store.engine === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(
      db,
    );
    return rows.rows.map((r) => ({ name: r.name, identity: false }));
  }
  const rows = await sql<{ name: string; identity: string }>`
    select column_name as name, is_identity as identity from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db);
  return rows.rows.map((r) => ({ name: r.name, identity: r.identity === 'YES' }));
}

/**
 * Copies every row of `from` into `to` (an empty store on an older schema): each table `to`
 * has, with the columns it has, foreign keys unchecked while copying (tables go in any order).
 * `skip` names tables whose rows the older schema cannot hold.
 */
export async function copyRows(from: Store, to: Store, skip: string[] = []): Promise<void> {
  const db = anyDb(to);
  const source = new Set(await tablesOf(from));
  const copy = async (trx: AnyDb) => {
    // Inside the transaction, everything about `to` is read through it (one way in to SQLite).
    for (const table of await tablesOf(to, trx)) {
      if (DERIVED.test(table) || skip.includes(table) || !source.has(table)) continue;
      const columns = (await columnsOf(to, trx, table))
        .filter((c) => !c.identity)
        .map((c) => c.name);
      const rows = await sql<
        Record<string, unknown>
      >`select ${sql.join(columns.map((c) => sql.ref(c)))}
        from ${sql.table(table)}`.execute(from.db);
      for (let i = 0; i < rows.rows.length; i += 200) {
        await trx
          .insertInto(table)
          .values(rows.rows.slice(i, i + 200))
          .execute();
      }
    }
  };
  if (to.engine === 'sqlite') {
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      await db.transaction().execute(copy);
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
    return;
  }
  // Foreign-key triggers off for this transaction only (the test server's user is a superuser).
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await copy(trx);
  });
}

/** Every table's rows, as sorted JSON lines per table (binary as hex). */
export async function snapshotTables(store: Store): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const name of await tablesOf(store)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
      store.db,
    );
    out.set(name, rows.rows.map((r) => JSON.stringify(r, binaryAsHex)).sort());
  }
  return out;
}

/** The rows of `before`'s tables now, with only the columns they had then. */
export function sameColumns(
  before: Map<string, string[]>,
  now: Map<string, string[]>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [table, rows] of before) {
    const columns = rows[0] ? Object.keys(JSON.parse(rows[0]) as object) : null;
    const current = now.get(table) ?? [];
    const project = (r: string) => {
      const row = JSON.parse(r) as Record<string, unknown>;
      return JSON.stringify(Object.fromEntries((columns ?? []).map((c) => [c, row[c]])));
    };
    out.set(table, columns ? current.map(project).sort() : current);
  }
  return out;
}

export function digestOf(rows: string[]): string {
  return createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 12);
}

function binaryAsHex(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') {
    return Buffer.from((value as { data: number[] }).data).toString('hex');
  }
  return value;
}
