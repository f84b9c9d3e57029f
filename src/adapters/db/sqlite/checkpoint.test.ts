import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../../../../test/db.ts';
import { checkpointIfIdle } from './checkpoint.ts';

test("a checkpoint is skipped or done, never an error, while another process's writer is open", () => {
  const dir = tempDir();
  const path = join(dir.path, 'x.db');
  const db = new Database(path);
  const other = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 0');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3)');
    other.exec('BEGIN IMMEDIATE');
    other.exec('INSERT INTO t VALUES (4)');
    assert.equal(typeof checkpointIfIdle(db, 'TRUNCATE'), 'boolean');
    other.exec('COMMIT');
    assert.equal(checkpointIfIdle(db, 'TRUNCATE'), true);
  } finally {
    other.close();
    db.close();
    dir.remove();
  }
});
