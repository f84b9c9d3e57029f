/**
 * The instance secret that signs mailed links: kept across restarts, absent (links refuse) before
 * the store is migrated, and a store that cannot give it stops the start loudly instead of
 * signing with a stand-in key that would break every link already mailed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir, testConfig } from '../../../test/db.ts';
import { createContainer } from '../../container.ts';
import { fixedClock } from '../../core/clock.ts';
import { isAppError } from '../../core/errors.ts';
import { createMemoryLogger } from '../../log.ts';

const clock = fixedClock('2026-08-22T12:00:00Z');
const open = (dir: string, migrate = true) =>
  createContainer(testConfig(dir), { log: createMemoryLogger(), clock, migrate });

test('a mailed link made before a restart still verifies after it', async () => {
  const dir = tempDir();
  try {
    const first = await open(dir.path);
    const link = first.subscriptionDeps.links.token('manage', 'ada@example.org');
    await first.close();
    const second = await open(dir.path);
    assert.equal(second.subscriptionDeps.links.verify(link, 'manage'), 'ada@example.org');
    await second.close();
  } finally {
    dir.remove();
  }
});

test('before migration the container opens (doctor, migrate) but refuses to sign links', async () => {
  const dir = tempDir();
  try {
    const container = await open(dir.path, false);
    assert.throws(
      () => container.subscriptionDeps.links.manage('ada@example.org'),
      (error) => isAppError(error, 'store_unavailable') && /paperboy migrate/.test(error.message),
    );
    await container.close();
  } finally {
    dir.remove();
  }
});

test('a store that cannot give the secret stops the start with a clear message', async () => {
  const dir = tempDir();
  try {
    await (await open(dir.path)).close();
    const db = new Database(testConfig(dir.path).databasePath);
    db.exec(`DELETE FROM settings WHERE key = 'instance.secret';
      CREATE TRIGGER no_secret BEFORE INSERT ON settings BEGIN SELECT RAISE(ABORT, 'disk says no'); END;`);
    db.close();
    await assert.rejects(
      open(dir.path),
      (error) =>
        isAppError(error, 'store_unavailable') &&
        /instance secret/.test(error.message) &&
        /disk says no/.test(error.message),
    );
  } finally {
    dir.remove();
  }
});
