import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { rawSqlite, tempDir } from '../../../test/db.ts';
import { openSqliteStore } from './connect.ts';
import { migrateToLatest, migrationStatus } from './migrate.ts';
import { migrations } from './migrations/index.ts';

test('migrations run on an empty store and leave nothing pending', async () => {
  const dir = tempDir();
  const store = openSqliteStore(`${dir.path}/paperboy.db`);
  try {
    const before = await migrationStatus(store.db);
    assert.deepEqual(before.pending, Object.keys(migrations));
    const report = await migrateToLatest(store.db);
    assert.equal(report.error, null);
    assert.deepEqual(report.applied, Object.keys(migrations));
    assert.deepEqual((await migrationStatus(store.db)).pending, []);
    assert.equal((await rawSqlite(store)).pragma('journal_mode', { simple: true }), 'wal');
  } finally {
    await store.close();
    dir.remove();
  }
});

test('migrating an existing store applies nothing and keeps its data', async () => {
  const dir = tempDir();
  const path = `${dir.path}/paperboy.db`;
  try {
    const first = openSqliteStore(path);
    await migrateToLatest(first.db);
    await first.db
      .insertInto('settings')
      .values({ key: 'k', value: 'v', updated_at: '2026-01-01T00:00:00Z' })
      .execute();
    await first.close();

    const second = openSqliteStore(path);
    const report = await migrateToLatest(second.db);
    assert.deepEqual(report, { applied: [], error: null });
    const row = await second.db.selectFrom('settings').selectAll().executeTakeFirst();
    assert.equal(row?.value, 'v');
    await second.close();
  } finally {
    dir.remove();
  }
});

test('an unopenable store path fails with a clear error', () => {
  const dir = tempDir();
  try {
    writeFileSync(`${dir.path}/a-file`, 'not a directory');
    assert.throws(
      () => openSqliteStore(`${dir.path}/a-file/paperboy.db`),
      /cannot open SQLite file .*a-file\/paperboy\.db/,
    );
  } finally {
    dir.remove();
  }
});

test('a failing migration leaves no trace: the run is all or nothing', async () => {
  const dir = tempDir();
  const store = openSqliteStore(`${dir.path}/paperboy.db`);
  try {
    const broken = {
      ...migrations,
      '9999-broken': {
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('half_built').addColumn('x', 'text').execute();
          await sql`select * from no_such_table`.execute(db);
        },
      },
    };
    const report = await migrateToLatest(store.db, broken);
    assert.match(report.error?.message ?? '', /migration 9999-broken failed/);
    assert.deepEqual(report.applied, []);
    const tables = (await rawSqlite(store))
      .prepare("select name from sqlite_master where type = 'table'")
      .all();
    assert.deepEqual(
      (tables as { name: string }[]).filter((t) => ['papers', 'half_built'].includes(t.name)),
      [],
      'neither the earlier migrations nor the broken one left tables behind',
    );
    const retry = await migrateToLatest(store.db);
    assert.equal(retry.error, null);
    assert.deepEqual(retry.applied, Object.keys(migrations));
  } finally {
    await store.close();
    dir.remove();
  }
});
