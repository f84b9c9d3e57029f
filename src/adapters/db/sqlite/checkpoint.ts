/**
 * A WAL checkpoint that is only an optimisation: SQLite refuses it with SQLITE_LOCKED while the
 * connection is inside a transaction — another job's Kysely transaction stays open across its
 * awaits on the shared connection (seen on a fresh start: digests:send failed at its closing checkpoint)
 * — and with SQLITE_BUSY while another process checkpoints. Then it is skipped — the automatic
 * checkpoint does it later — instead of failing the job that asked. Returns whether it ran.
 */
import type Database from 'better-sqlite3';

export function checkpointIfIdle(sqlite: Database.Database, mode: 'PASSIVE' | 'TRUNCATE'): boolean {
  try {
    sqlite.pragma(`wal_checkpoint(${mode})`);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY') return false;
    throw error;
  }
}
