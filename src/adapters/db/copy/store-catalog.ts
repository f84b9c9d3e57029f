/**
 * What a store holds, read from the engine's own catalog (SQLite's pragmas, PostgreSQL's
 * pg_catalog): tables, columns with their kind, primary keys and foreign keys — so `store copy`
 * copies every table, including ones added by later migrations, parents before children.
 */
import { type Kysely, sql } from 'kysely';
import type { CellKind } from '../../../core/store/copy-ports.ts';
import type { Database } from '../schema.ts';

export type ColumnKind = CellKind | 'vector';

export interface CatalogColumn {
  name: string;
  kind: ColumnKind;
  /** Filled by a sequence (PostgreSQL identity/serial), which must be moved past copied values. */
  identity: boolean;
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  key: string[];
  /** Tables this one references (not itself). */
  parents: string[];
  /** Its columns that reference itself. */
  selfRefs: string[];
}

/**
 * Tables an engine derives from the others, so a copy leaves them to the target: SQLite's
 * docids and FTS5 index (kept by triggers on `papers`), its term statistics and impact-ordered
 * index (built by `paperboy optimize` / the `store:optimize` job); PostgreSQL's search documents
 * and their counts (built when the copy finishes). Migration bookkeeping is the target's own.
 */
export const DERIVED_TABLES = new Set([
  'paper_docids',
  'search_terms',
  'search_impacts',
  'search_impacts_meta',
  'search_impacts_builds',
  'search_impacts_stale',
  'search_docs',
  'search_stats',
  'kysely_migration',
  'kysely_migration_lock',
]);

type Engine = 'sqlite' | 'postgres';
type Db = Kysely<Database>;

/** Every ordinary table of the store (derived ones included; the caller filters). */
export async function readCatalog(db: Db, engine: Engine): Promise<CatalogTable[]> {
  return engine === 'sqlite' ? sqliteCatalog(db) : postgresCatalog(db);
}

async function sqliteCatalog(db: Db): Promise<CatalogTable[]> {
  const { rows: names } = await sql<{ name: string }>`
    select name from pragma_table_list
    where schema = 'main' and type = 'table' and name not like 'sqlite\\_%' escape '\\'
    order by name`.execute(db);
  const tables: CatalogTable[] = [];
  for (const { name } of names) {
    const { rows: columns } = await sql<{ name: string; type: string; pk: number }>`
      select name, type, pk from pragma_table_info(${name}) order by cid`.execute(db);
    const { rows: fks } = await sql<{ parent: string; column: string }>`
      select "table" as parent, "from" as "column" from pragma_foreign_key_list(${name})`.execute(
      db,
    );
    tables.push({
      name,
      columns: columns.map((c) => ({ name: c.name, kind: sqliteKind(c.type), identity: false })),
      key: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      parents: unique(fks.filter((f) => f.parent !== name).map((f) => f.parent)),
      selfRefs: unique(fks.filter((f) => f.parent === name).map((f) => f.column)),
    });
  }
  return tables;
}

function sqliteKind(declared: string): ColumnKind {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'integer';
  if (/REAL|FLOA|DOUB/.test(type)) return 'real';
  if (type.includes('BLOB') || type === '') return 'bytes';
  return 'text';
}

async function postgresCatalog(db: Db): Promise<CatalogTable[]> {
  const { rows: columns } = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_identity: string;
    column_default: string | null;
  }>`
    select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_identity, c.column_default
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const { rows: keys } = await sql<{ table_name: string; column_name: string }>`
    select cl.relname as table_name, a.attname as column_name
    from pg_index i
    join pg_class cl on cl.oid = i.indrelid
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indisprimary and cl.relnamespace = current_schema()::regnamespace
    order by cl.relname, array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const { rows: fks } = await sql<{ child: string; parent: string; column_name: string }>`
    select child.relname as child, parent.relname as parent, a.attname as column_name
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
    where c.contype = 'f' and child.relnamespace = current_schema()::regnamespace`.execute(db);
  const tables = new Map<string, CatalogTable>();
  for (const c of columns) {
    let table = tables.get(c.table_name);
    if (!table) {
      table = { name: c.table_name, columns: [], key: [], parents: [], selfRefs: [] };
      tables.set(c.table_name, table);
    }
    table.columns.push({
      name: c.column_name,
      kind: postgresKind(c.data_type, c.udt_name),
      identity: c.is_identity === 'YES' || (c.column_default ?? '').startsWith('nextval('),
    });
  }
  for (const k of keys) tables.get(k.table_name)?.key.push(k.column_name);
  for (const f of fks) {
    const table = tables.get(f.child);
    if (!table) continue;
    if (f.parent === f.child) table.selfRefs = unique([...table.selfRefs, f.column_name]);
    else table.parents = unique([...table.parents, f.parent]);
  }
  return [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function postgresKind(dataType: string, udt: string): ColumnKind {
  if (udt === 'vector') return 'vector';
  if (['integer', 'bigint', 'smallint'].includes(dataType)) return 'integer';
  if (['real', 'double precision', 'numeric'].includes(dataType)) return 'real';
  if (dataType === 'bytea') return 'bytes';
  return 'text';
}

/** Parents before children (ties by name); throws on a cycle between tables. */
export function dependencyOrder(tables: CatalogTable[]): CatalogTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const out: CatalogTable[] = [];
  while (out.length < tables.length) {
    const ready = tables
      .filter((t) => !placed.has(t.name))
      .filter((t) => t.parents.every((p) => placed.has(p) || !byName.has(p)));
    if (ready.length === 0) {
      const left = tables.filter((t) => !placed.has(t.name)).map((t) => t.name);
      throw new Error(`foreign keys form a cycle between ${left.join(', ')}`);
    }
    for (const t of ready.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      placed.add(t.name);
      out.push(t);
    }
  }
  return out;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
