/**
 * `paperboy store copy` through the real CLI on real engines: a SQLite store with rows in every
 * table goes to PostgreSQL and back into a new SQLite file, and comes back the same (vectors
 * through pgvector, a reply stored before its parent, FTS5 rebuilt by its triggers); a target
 * with data is refused unless --force; bad arguments get clear errors.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openSqliteStore, type Store } from '../../src/adapters/db/connect.ts';
import { KyselyCopyEnd } from '../../src/adapters/db/copy/kysely-copy-end.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { openPostgresStore } from '../../src/adapters/db/postgres/postgres-store.ts';
import { canonicalRow } from '../../src/core/store/table-checksum.ts';
import { memoryIo } from '../../src/interfaces/cli/io.ts';
import { runCli } from '../../src/interfaces/cli/main.ts';
import { tempDir } from '../db.ts';
import { freshPostgresDatabase, postgresUnavailable } from '../engines.ts';
import { fillStore } from '../store-fill.ts';

const skip = (await postgresUnavailable()) ?? false;
const work = tempDir('paperboy-copy-');
const dbs: { drop(): Promise<void> }[] = [];
after(async () => {
  for (const d of dbs) await d.drop();
  work.remove();
});

let sourceDir: string;
before(async () => {
  sourceDir = join(work.path, 'source');
  const store = openSqliteStore(join(sourceDir, 'paperboy.db'));
  await migrateToLatest(store.db);
  await fillStore(store.db, 'sqlite', 5);
  await store.close();
});

async function cli(args: string[], dataDir: string) {
  const io = memoryIo({ PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PAPERBOY_EMBEDDER: 'none' });
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function newDatabase(): Promise<string> {
  const db = await freshPostgresDatabase();
  dbs.push(db);
  return db.url;
}

/** Every copied table's rows, canonical and sorted, by table name. */
async function contents(store: Store): Promise<Record<string, string[]>> {
  const end = new KyselyCopyEnd(store);
  const out: Record<string, string[]> = {};
  for (const table of await end.tables()) {
    const rows = await end.scan(table, null, 1_000_000);
    out[table.name] = rows.map((r) => canonicalRow(table.columns, r)).sort();
  }
  return out;
}

async function withStore<T>(store: Store, fn: (s: Store) => Promise<T>): Promise<T> {
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

test('SQLite → PostgreSQL → SQLite: every table comes back the same', { skip }, async () => {
  const source = await withStore(openSqliteStore(join(sourceDir, 'paperboy.db')), contents);
  const empty = Object.entries(source).filter(([, rows]) => rows.length === 0);
  assert.deepEqual(empty, [], 'test/store-fill.ts puts rows in every table the copy sees');

  const url = await newDatabase();
  const there = await cli(['store', 'copy', '--to', url], sourceDir);
  assert.equal(there.code, 0, there.err);
  assert.match(there.out, /Copied and verified \d+ tables/);
  assert.doesNotMatch(there.out, /✗/);

  await withStore(await openPostgresStore(url), async (pg) => {
    assert.deepEqual(await contents(pg), source);
    const { rows } = await sql<{ embedding: string; vector: unknown }>`
      select embedding::text as embedding, vector from paper_vectors`.execute(pg.db);
    assert.deepEqual(rows, [{ embedding: '[0.1,-0.25,0.33333334,1e-07]', vector: null }]);
    // The identity sequence moved past the copied values: a new vector gets a fresh seq.
    const added = await sql<{ seq: number }>`
      insert into paper_vectors (paper_id, model_id, dimensions, text_hash, embedded_at, embedding)
      values ('2605.00000', 'm', 1, 'h', 'now', '[1]') returning seq`.execute(pg.db);
    assert.ok((added.rows[0]?.seq ?? 0) > 1);
    await sql`delete from paper_vectors where model_id = 'm'`.execute(pg.db);
    // Keyword search's documents are built when the copy finishes: every paper is findable.
    const docs = await sql<{ docs: number; hits: number }>`
      select (select count(*)::int from search_docs) as docs,
             (select count(*)::int from search_docs where tsv @@ 'quot'::tsquery) as hits`.execute(
      pg.db,
    );
    assert.deepEqual(docs.rows, [{ docs: source.papers?.length, hits: 1 }]);
  });

  const backDir = join(work.path, 'back');
  const back = await cli(['store', 'copy', '--from', url], backDir);
  assert.equal(back.code, 0, back.err);
  assert.match(back.out, /paperboy optimize/);
  await withStore(openSqliteStore(join(backDir, 'paperboy.db')), async (store) => {
    const copied = await contents(store);
    assert.deepEqual(copied, source);
    // Derived on SQLite by triggers: docids for every paper, and the FTS5 index finds them.
    const { rows } = await sql<{ docids: number; hits: number }>`
      select (select count(*) from paper_docids) as docids,
             (select count(*) from papers_fts where papers_fts match 'quoted') as hits`.execute(
      store.db,
    );
    assert.deepEqual(rows, [{ docids: copied.papers?.length, hits: 1 }]);
  });
});

test('a target holding data is refused, and emptied first with --force', { skip }, async () => {
  const url = await newDatabase();
  assert.equal((await cli(['store', 'copy', '--to', url], sourceDir)).code, 0);
  const again = await cli(['store', 'copy', '--to', url], sourceDir);
  assert.equal(again.code, 1);
  assert.match(again.err, /is not empty: paper_authors \(12\), papers \(6\),.*add --force/);

  // The source changes; a forced copy replaces everything the target held.
  await withStore(openSqliteStore(join(sourceDir, 'paperboy.db')), async (s) => {
    await s.db.deleteFrom('comments').where('id', '=', 'c1').execute();
  });
  const forced = await cli(['store', 'copy', '--to', url, '--force'], sourceDir);
  assert.equal(forced.code, 0, forced.err);
  await withStore(await openPostgresStore(url), async (pg) => {
    const ids = await pg.db.selectFrom('comments').select('id').execute();
    assert.deepEqual(ids, [{ id: 'c9' }]);
  });
});

test('bad arguments get clear errors and touch nothing', async () => {
  const none = await cli(['store', 'copy'], sourceDir);
  assert.equal(none.code, 1);
  assert.match(none.err, /exactly one of --to <url> or --from <url>/);
  const both = await cli(
    ['store', 'copy', '--to', 'postgres://a/b', '--from', 'postgres://a/c'],
    sourceDir,
  );
  assert.match(both.err, /exactly one/);
  const notPg = await cli(['store', 'copy', '--to', 'mysql://root:pw@host/db'], sourceDir);
  assert.equal(notPg.code, 1);
  assert.match(notPg.err, /is not a PostgreSQL URL/);
  assert.doesNotMatch(notPg.err, /pw/);
  const batch = await cli(
    ['store', 'copy', '--to', 'postgres://a/b', '--batch-size', '0'],
    sourceDir,
  );
  assert.match(batch.err, /--batch-size must be 1–10000/);
});
