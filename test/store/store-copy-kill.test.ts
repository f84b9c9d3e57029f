/**
 * `store copy` survives a real SIGKILL: the CLI copies a SQLite store to PostgreSQL in a child
 * process that is killed at several points (taken from its own "batch copied" log lines, so no
 * timing is assumed), restarted each time; the last run resumes, verifies, and the target holds
 * exactly the source's rows — none twice, none missing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openSqliteStore, type Store } from '../../src/adapters/db/connect.ts';
import { KyselyCopyEnd } from '../../src/adapters/db/copy/kysely-copy-end.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { openPostgresStore } from '../../src/adapters/db/postgres/postgres-store.ts';
import { canonicalRow } from '../../src/core/store/table-checksum.ts';
import { tempDir } from '../db.ts';
import { freshPostgresDatabase, postgresUnavailable } from '../engines.ts';
import { fillStore } from '../store-fill.ts';

const ROOT = join(import.meta.dirname, '../..');
const skip = (await postgresUnavailable()) ?? false;
const work = tempDir('paperboy-copy-kill-');
after(() => work.remove());

interface Run {
  killed: boolean;
  code: number | null;
  stdout: string;
  batches: number;
}

/** Runs `store copy` in a child; SIGKILLs it once `killAfter` batches are logged (null: never). */
function copyInChild(url: string, dataDir: string, killAfter: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'store', 'copy', '--to', url, '--batch-size', '10'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PAPERBOY_DATA_DIR: dataDir,
          PAPERBOY_EMBEDDER: 'none',
          LOG_LEVEL: 'debug',
          LOG_FORMAT: 'json',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let batches = 0;
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      batches += d.toString().split('"msg":"batch copied"').length - 1;
      if (killAfter !== null && !killed && batches >= killAfter) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ killed: signal === 'SIGKILL', code, stdout, batches }),
    );
  });
}

async function contents(store: Store): Promise<Record<string, string[]>> {
  const end = new KyselyCopyEnd(store);
  const out: Record<string, string[]> = {};
  for (const table of await end.tables()) {
    const rows = await end.scan(table, null, 1_000_000);
    out[table.name] = rows.map((r) => canonicalRow(table.columns, r)).sort();
  }
  await store.close();
  return out;
}

test('store copy killed mid-copy resumes to an exact copy', { skip }, async () => {
  const dataDir = join(work.path, 'source');
  const source = openSqliteStore(join(dataDir, 'paperboy.db'));
  await migrateToLatest(source.db);
  await fillStore(source.db, 'sqlite', 150);
  const expected = await contents(source);

  const database = await freshPostgresDatabase();
  try {
    // Inside the papers (16 batches of 10) and then inside paper_authors (31 batches).
    for (const point of [10, 35]) {
      const run = await copyInChild(database.url, dataDir, point);
      assert.ok(run.killed, `the copy was killed after ${point} batches`);
      const pg = await openPostgresStore(database.url);
      const marker = await new KyselyCopyEnd(pg).marker();
      await pg.close();
      assert.ok(marker?.after, 'it was killed inside a table, with batches of it committed');
    }
    const last = await copyInChild(database.url, dataDir, null);
    assert.equal(last.code, 0, last.stdout);
    assert.match(last.stdout, /Copied and verified .* \(resumed\)/);
    assert.deepEqual(await contents(await openPostgresStore(database.url)), expected);
  } finally {
    await database.drop();
  }
});
