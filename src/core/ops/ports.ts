/**
 * Operations ports: copying the store while it serves, and putting a copy back. SQLite does it
 * with its online backup API; a PostgreSQL store would implement the same port (pg_dump / a
 * base backup), so the `backup` and `restore` commands stay engine-neutral.
 */
import type { Progress } from '../progress.ts';

export interface BackupReport {
  /** Where the copy was written. */
  file: string;
  bytes: number;
}

export interface StoreBackup {
  /**
   * Writes a consistent copy of the store to `file` while others keep reading and writing it
   * (the copy is the store as of one moment). `file` must not exist. Progress counts pages.
   */
  backup(file: string, progress?: Progress): Promise<BackupReport>;
  /**
   * Checks that `file` is a readable paperboy store, then makes it the store. Derived files
   * (vector index graphs) are removed so they are rebuilt from it. Stop `serve` and workers first.
   */
  restore(file: string, progress?: Progress): Promise<BackupReport>;
}
