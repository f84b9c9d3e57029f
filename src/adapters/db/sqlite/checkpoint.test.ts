import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../../../../test/db.ts';
import { checkpointIfIdle } from './checkpoint.ts';

test("a checkpoint is skipped, not an error, inside another job's open transaction", () => {
  const dir = tempDir();
  const db = new Database(join(dir.path, 'x.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3)');
    // Another job's transaction is open across an await on the shared connection.
    db.exec('BEGIN IMMEDIATE');
    db.exec('INSERT INTO t VALUES (4)');
    assert.equal(checkpointIfIdle(db, 'PASSIVE'), false);
    db.exec('COMMIT');
    assert.equal(checkpointIfIdle(db, 'TRUNCATE'), true);
  } finally {
    db.close();
    dir.remove();
  }
});
