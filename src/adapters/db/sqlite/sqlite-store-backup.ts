/**
 * StoreBackup for SQLite through better-sqlite3's online backup API (sqlite3_backup_*). After a
 * first probe step it copies every page in one step: in WAL mode that step reads one snapshot
 * while the server's writers carry on appending to the WAL, so the copy is the database as of
 * one moment and never restarts (with small steps, each write by another process would restart
 * the copy, forever under steady load). It runs in the CLI's own process, so nothing serving
 * waits for it; it reads through a read-only connection of its own, outside the serving
 * connection's gate. Restore runs the same API the other way, into the store's file, under its locks.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createError } from '../../../core/errors.ts';
import type { BackupReport, StoreBackup } from '../../../core/ops/ports.ts';
import type { Progress } from '../../../core/progress.ts';

/** Pages per step after the first: all of them (better-sqlite3's largest step). */
const ALL_PAGES = 0x7fffffff;

export class SqliteStoreBackup implements StoreBackup {
  /** `databasePath`: the store's file; the copy reads it through a connection of its own. */
  constructor(private readonly databasePath: string) {}

  async backup(file: string, progress?: Progress): Promise<BackupReport> {
    const target = resolve(file);
    if (existsSync(target)) {
      throw createError(
        'invalid_input',
        `${target} already exists; give a new file name (a backup never overwrites one)`,
      );
    }
    if (this.databasePath === ':memory:') {
      throw createError('invalid_input', 'an in-memory store has no file to back up');
    }
    const reader = new Database(this.databasePath, { readonly: true, fileMustExist: true });
    try {
      await copy(reader, target, progress);
    } finally {
      reader.close();
    }
    return { file: target, bytes: statSync(target).size };
  }

  async restore(file: string, progress?: Progress): Promise<BackupReport> {
    const source = resolve(file);
    const copyFrom = openChecked(source);
    try {
      await copy(copyFrom, this.databasePath, progress);
    } finally {
      copyFrom.close();
    }
    // Vector graphs beside the store describe the old contents; they are rebuilt from it.
    rmSync(join(dirname(this.databasePath), 'vectors'), { recursive: true, force: true });
    return { file: this.databasePath, bytes: statSync(this.databasePath).size };
  }
}

async function copy(from: Database.Database, to: string, progress?: Progress): Promise<void> {
  let done = 0;
  await from.backup(to, {
    progress({ totalPages, remainingPages }) {
      const now = totalPages - remainingPages;
      progress?.advance(now - done, totalPages);
      done = now;
      return ALL_PAGES;
    },
  });
  progress?.done();
}

/** Opens a backup read-only after checking it is an intact paperboy store. */
function openChecked(file: string): Database.Database {
  if (!existsSync(file)) throw createError('invalid_input', `${file} does not exist`);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check says: ${String(check)}`);
    const migrations = db
      .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'kysely_migration'")
      .pluck()
      .get();
    if (migrations !== 1) throw new Error('it has no paperboy migrations table');
    return db;
  } catch (cause) {
    db?.close();
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError('invalid_input', `${file} is not a paperboy store backup: ${why}`, {
      cause,
    });
  }
}
