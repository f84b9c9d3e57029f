// SQLite's own side of opening and migrating a store. Migrating on both engines (from empty, from
// every landed commit's schema with data, all or nothing) is test/store/migrations.test.ts.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { rawSqlite, tempDir } from '../../../test/db.ts';
import { openSqliteStore } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

test('a new SQLite store is in WAL mode', async () => {
  const dir = tempDir();
  const store = openSqliteStore(`${dir.path}/paperboy.db`);
  try {
    await migrateToLatest(store.db);
    assert.equal((await rawSqlite(store)).pragma('journal_mode', { simple: true }), 'wal');
  } finally {
    await store.close();
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
