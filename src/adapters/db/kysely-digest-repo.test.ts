import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../../test/db.ts';
import { openSqliteStore } from './connect.ts';
import { KyselyDigestRepo } from './kysely-digest-repo.ts';
import { migrateToLatest } from './migrate.ts';

test('housekeeping is held while digests are delivered and resumed after', async () => {
  const dir = tempDir();
  const store = openSqliteStore(`${dir.path}/paperboy.db`);
  try {
    await migrateToLatest(store.db);
    const repo = new KyselyDigestRepo(store.db, store.sqlite);
    const autocheckpoint = () => store.sqlite.pragma('wal_autocheckpoint', { simple: true });
    const before = autocheckpoint();
    assert.ok(Number(before) > 0);
    const resume = await repo.holdHousekeeping();
    assert.equal(autocheckpoint(), 0, 'no WAL checkpoint runs inside a commit point');
    await resume();
    assert.equal(autocheckpoint(), before);
  } finally {
    await store.close();
    dir.remove();
  }
});
