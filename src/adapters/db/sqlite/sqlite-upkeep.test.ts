import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../../../test/db.ts';
import { createMemoryLogger } from '../../../log.ts';
import { SqliteSearchIndex } from '../../search/sqlite-search-index.ts';
import { openSqliteStore } from '../connect.ts';
import { migrateToLatest } from '../migrate.ts';
import { SqliteUpkeep } from './sqlite-upkeep.ts';

test('housekeeping is held while digests are delivered and resumed after', async () => {
  const dir = tempDir();
  const store = openSqliteStore(`${dir.path}/paperboy.db`);
  try {
    await migrateToLatest(store.db);
    const upkeep = new SqliteUpkeep(
      store.gate,
      new SqliteSearchIndex(store.gate),
      createMemoryLogger(),
    );
    const autocheckpoint = () =>
      store.gate.run((sqlite) => sqlite.pragma('wal_autocheckpoint', { simple: true }));
    const before = await autocheckpoint();
    assert.ok(Number(before) > 0);
    const resume = await upkeep.holdHousekeeping();
    assert.equal(await autocheckpoint(), 0, 'no WAL checkpoint runs inside a commit point');
    await resume();
    assert.equal(await autocheckpoint(), before);
  } finally {
    await store.close();
    dir.remove();
  }
});
