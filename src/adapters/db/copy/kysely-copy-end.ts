/**
 * One end of `paperboy store copy` on either engine: tables read from the catalog, rows read in
 * key order and written as multi-row INSERTs, each batch committed with the copy's marker (a
 * row of `settings`). Where the engines keep a value differently it is converted here: vectors
 * are float32 bytes on SQLite (`paper_vectors.vector`) and pgvector on PostgreSQL (`embedding`,
 * migration 0206), and appear to the copy as bytes either way.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type {
  Cell,
  CopyMarker,
  CopyRow,
  CopyTable,
  CopyTarget,
} from '../../../core/store/copy-ports.ts';
import { indexAllPapers } from '../../search/postgres-search-docs.ts';
import type { Store } from '../connect.ts';
import { migrateToLatest, migrationStatus } from '../migrate.ts';
import type { Database } from '../schema.ts';
import { transact } from '../transact.ts';
import {
  type CatalogTable,
  DERIVED_TABLES,
  dependencyOrder,
  readCatalog,
} from './store-catalog.ts';

/** The settings row that holds an unfinished copy's marker (never copied or checksummed). */
const MARKER_KEY = 'store.copy';

/** pgvector columns and the portable bytes column they stand for (migration 0206). */
const VECTOR_PAIRS: Record<string, { bytes: string; pgvector: string }> = {
  paper_vectors: { bytes: 'vector', pgvector: 'embedding' },
};

export interface CopyEndOptions {
  /** SQLite: the directory of HNSW graph files built from this store's vectors. */
  vectorsDir?: string;
}

export class KyselyCopyEnd implements CopyTarget {
  readonly label: string;
  private catalog: Promise<CatalogTable[]> | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: CopyEndOptions = {},
  ) {
    this.label = store.label;
  }

  private get db() {
    return this.store.db;
  }

  private readCatalog(): Promise<CatalogTable[]> {
    this.catalog ??= readCatalog(this.db, this.store.engine);
    return this.catalog;
  }

  async tables(): Promise<CopyTable[]> {
    const all = (await this.readCatalog()).filter((t) => !DERIVED_TABLES.has(t.name));
    return dependencyOrder(all).map((t) => {
      if (t.key.length === 0) throw new Error(`table ${t.name} has no primary key to copy by`);
      const pair = this.store.engine === 'postgres' ? VECTOR_PAIRS[t.name] : undefined;
      return {
        name: t.name,
        key: t.key,
        selfRefs: t.selfRefs,
        columns: t.columns.flatMap((c) => {
          if (pair && c.name === pair.pgvector) return [];
          if (c.kind === 'vector')
            throw new Error(`pgvector column ${t.name}.${c.name} is unknown`);
          return [{ name: c.name, kind: c.kind }];
        }),
      };
    });
  }

  async pendingMigrations(): Promise<string[]> {
    return (await migrationStatus(this.db)).pending;
  }

  async migrate(): Promise<void> {
    this.catalog = null;
    const report = await migrateToLatest(this.db);
    if (report.error) throw report.error;
  }

  async count(table: CopyTable): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from ${sql.table(table.name)} ${this.skipMarker(table, 'where')}`.execute(
      this.db,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async scan(table: CopyTable, after: Cell[] | null, limit: number): Promise<CopyRow[]> {
    const pair = this.pairOf(table);
    const columns = table.columns.map((c) =>
      pair && c.name === pair.bytes
        ? sql`${sql.ref(pair.pgvector)}::text as ${sql.ref(pair.bytes)}`
        : sql.ref(c.name),
    );
    const keys = sql.join(table.key.map((k) => sql.ref(k)));
    const conditions: RawBuilder<unknown>[] = [];
    if (after) conditions.push(sql`(${keys}) > (${sql.join(after.map(param))})`);
    const marker = this.skipMarker(table, '');
    if (table.name === 'settings') conditions.push(marker);
    const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
    const { rows } = await sql<CopyRow>`
      select ${sql.join(columns)} from ${sql.table(table.name)} ${where}
      order by ${keys} limit ${limit}`.execute(this.db);
    if (!pair) return rows;
    for (const row of rows) {
      const text = row[pair.bytes];
      if (typeof text === 'string') row[pair.bytes] = vectorBytes(text);
    }
    return rows;
  }

  async marker(): Promise<CopyMarker | null> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', MARKER_KEY)
      .executeTakeFirst()
      .catch(() => undefined); // a store never migrated has no settings table, hence no copy
    return row ? (JSON.parse(row.value) as CopyMarker) : null;
  }

  async setMarker(marker: CopyMarker): Promise<void> {
    await writeMarker(this.db, marker);
  }

  async dropMarker(): Promise<void> {
    await this.db.deleteFrom('settings').where('key', '=', MARKER_KEY).execute();
  }

  async insert(table: CopyTable, rows: CopyRow[], marker: CopyMarker): Promise<void> {
    const pair = this.pairOf(table);
    const names = table.columns.map((c) => c.name);
    if (pair) names.push(pair.pgvector);
    const values = rows.map((row) => {
      const cells = table.columns.map((c) =>
        pair && c.name === pair.bytes ? null : param(row[c.name] ?? null),
      );
      if (pair) {
        const bytes = row[pair.bytes];
        cells.push(param(bytes instanceof Uint8Array ? vectorText(bytes) : null));
      }
      return sql`(${sql.join(cells)})`;
    });
    await transact(this.db, async (trx) => {
      if (values.length > 0) {
        await sql`insert into ${sql.table(table.name)} (${sql.join(names.map((n) => sql.ref(n)))})
          values ${sql.join(values)}`.execute(trx);
      }
      await writeMarker(trx, marker);
    });
  }

  async link(table: CopyTable, rows: CopyRow[], marker: CopyMarker): Promise<void> {
    await transact(this.db, async (trx) => {
      for (const row of rows) {
        const set = table.selfRefs.map((c) => sql`${sql.ref(c)} = ${param(row[c] ?? null)}`);
        const match = table.key.map((k) => sql`${sql.ref(k)} = ${param(row[k] ?? null)}`);
        await sql`update ${sql.table(table.name)} set ${sql.join(set)}
          where ${sql.join(match, sql` and `)}`.execute(trx);
      }
      await writeMarker(trx, marker);
    });
  }

  async clear(tables: CopyTable[]): Promise<void> {
    const catalog = await this.readCatalog();
    const derived = catalog
      .filter((t) => DERIVED_TABLES.has(t.name) && !t.name.startsWith('kysely_'))
      .map((t) => t.name);
    const names = [...tables.map((t) => t.name).reverse(), ...derived];
    if (this.store.engine === 'postgres') {
      // Every table of the target in one statement (PostgreSQL refuses to truncate a table that
      // another, unlisted one references), migration bookkeeping aside.
      const all = catalog.map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
      const every = [...new Set([...names, ...all])];
      await sql`truncate ${sql.join(every.map((n) => sql.table(n)))} restart identity`.execute(
        this.db,
      );
      return;
    }
    // SQLite: children first; deleting papers also empties the FTS index through its triggers.
    await transact(this.db, async (trx) => {
      for (const name of names) await sql`delete from ${sql.table(name)}`.execute(trx);
    });
  }

  async forgetDerived(): Promise<void> {
    const dir = this.options.vectorsDir;
    if (!dir) return;
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      return; // no graphs were ever built here
    }
    // Graphs key vectors by docid, which a copy assigns afresh: an old graph would mislead.
    for (const file of files) {
      if (/\.(usearch|json)(\.tmp)?$/.test(file)) rmSync(join(dir, file), { force: true });
    }
  }

  async finish(tables: CopyTable[]): Promise<void> {
    if (this.store.engine !== 'postgres') return;
    const catalog = new Map((await this.readCatalog()).map((t) => [t.name, t]));
    for (const table of tables) {
      for (const column of catalog.get(table.name)?.columns ?? []) {
        if (!column.identity) continue;
        // Move the sequence past the copied values, so new rows do not collide with them.
        await sql`select setval(pg_get_serial_sequence(${table.name}, ${column.name}),
            coalesce((select max(${sql.ref(column.name)}) from ${sql.table(table.name)}), 0) + 1,
            false)`.execute(this.db);
      }
    }
    // Keyword search's documents: the paper write path fills them, a copy writes rows directly.
    await indexAllPapers(this.db);
    await sql`analyze`.execute(this.db);
  }

  private pairOf(table: CopyTable) {
    return this.store.engine === 'postgres' ? VECTOR_PAIRS[table.name] : undefined;
  }

  private skipMarker(table: CopyTable, prefix: 'where' | ''): RawBuilder<unknown> {
    if (table.name !== 'settings') return sql``;
    return prefix === 'where'
      ? sql`where ${sql.ref('key')} <> ${MARKER_KEY}`
      : sql`${sql.ref('key')} <> ${MARKER_KEY}`;
  }
}

async function writeMarker(
  db: Kysely<Database> | Transaction<Database>,
  marker: CopyMarker,
): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: MARKER_KEY, value: JSON.stringify(marker), updated_at: marker.startedAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(marker) }))
    .execute();
}

/** Bytes as a Buffer (what both drivers bind as BLOB / bytea); other values as they are. */
function param(value: Cell): RawBuilder<unknown> {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
    return sql`${Buffer.from(value.buffer, value.byteOffset, value.byteLength)}`;
  }
  return sql`${value}`;
}

/** pgvector's text form ('[0.1,0.2]') to the float32 bytes SQLite stores (machine order). */
function vectorBytes(text: string): Buffer {
  const inner = text.slice(1, -1);
  const values = inner.length === 0 ? [] : inner.split(',').map(Number);
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
}

/** Float32 bytes to pgvector's text form; each float32 prints exactly enough to come back. */
function vectorText(bytes: Uint8Array): string {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const floats = new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
  return `[${Array.from(floats).join(',')}]`;
}
