/**
 * The shapes every import shares: a parsed record (a paper, or why its line was rejected) and the
 * new / updated / unchanged / rejected report. Importing itself is `core/ingest/ingest-source.ts`.
 */
import type { Paper } from './model.ts';

/** One input record: a paper, or why its line could not be read. */
export type ParsedRecord = { line: number; paper: Paper } | { line: number; error: string };

/** How the error record of a file that ended early (truncated, corrupt) begins. */
export const TRUNCATED_FILE = 'file is truncated or corrupt';

/** True when a rejection says the file ended early, so what followed was never read. */
export function isTruncation(rejection: { error: string }): boolean {
  return rejection.error.startsWith(TRUNCATED_FILE);
}

export interface Rejection {
  line: number;
  error: string;
}

export interface ImportReport {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
}

/** One line: "1416 read: 1400 new, 10 updated, 5 unchanged, 1 rejected". */
export function summarizeImport(r: ImportReport): string {
  return `${r.read} read: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`;
}
