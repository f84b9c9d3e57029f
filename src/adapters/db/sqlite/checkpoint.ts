/**
 * A WAL checkpoint that is only an optimisation: SQLite refuses it with SQLITE_BUSY while another
 * process checkpoints or holds readers it must wait for. Then it is skipped — the automatic
 * checkpoint does it later — instead of failing the job that asked. Returns whether it ran. Call
 * it inside a turn of the store's gate (never inside another caller's transaction).
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
