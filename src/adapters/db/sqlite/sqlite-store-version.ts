/**
 * A token that changes whenever a committed write reaches the SQLite store, from this process or
 * any other: `PRAGMA data_version` on a connection of its own moves whenever any *other*
 * connection commits — the serving one included — while temp-table writes (the search path
 * uses some) commit nothing and move nothing. Microseconds per read, so the page cache can check
 * it on every request. An in-memory store has no file for a second connection: null.
 */
import Database from 'better-sqlite3';

export interface StoreVersion {
  read(): string;
  close(): void;
}

export function sqliteStoreVersion(path: string): StoreVersion | null {
  if (path === ':memory:') return null;
  const watcher = new Database(path, { readonly: true, fileMustExist: true });
  const version = watcher.prepare('PRAGMA data_version').pluck();
  return { read: () => String(version.get()), close: () => watcher.close() };
}
