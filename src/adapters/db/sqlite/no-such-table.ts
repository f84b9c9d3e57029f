/**
 * SQLite's "no such table": the one failure some readers expect (the store is not migrated yet,
 * or a temp table vanished with a rolled-back transaction). Anything else must surface.
 */
export function isNoSuchTable(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('no such table: ');
}
