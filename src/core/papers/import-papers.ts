/**
 * Importing a stream of parsed paper records in transactional batches. Bad records are reported
 * with their line number and skipped; good ones are upserted, so re-importing duplicates nothing.
 */
import type { ProgressFactory } from '../progress.ts';
import type { Paper } from './model.ts';
import type { PaperRepo } from './ports.ts';

/** One input record: a paper, or why its line could not be read. */
export type ParsedRecord = { line: number; paper: Paper } | { line: number; error: string };

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

export interface ImportOptions {
  /** Papers per transaction (default 500). */
  batchSize?: number;
  progress?: ProgressFactory;
  /** Label for progress output. */
  label?: string;
  /** Expected number of records, when known. */
  total?: number;
  /** Called after each committed batch with the ids it inserted or changed. */
  afterBatch?: (changedIds: string[]) => Promise<void>;
}

/** Imports every record; returns counts and the rejected lines. Never throws for bad records. */
export async function importPapers(
  records: AsyncIterable<ParsedRecord>,
  repo: PaperRepo,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 500;
  const progress = options.progress?.(options.label ?? 'import', options.total);
  const report: ImportReport = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  let batch: Paper[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const outcome = await repo.upsertMany(batch);
    report.inserted += outcome.inserted;
    report.updated += outcome.updated;
    report.unchanged += outcome.unchanged;
    await options.afterBatch?.(outcome.changedIds);
    progress?.advance(batch.length);
    batch = [];
  };
  try {
    for await (const record of records) {
      report.read++;
      if ('error' in record) {
        report.rejected.push({ line: record.line, error: record.error });
        progress?.advance(1);
        continue;
      }
      batch.push(record.paper);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    progress?.done(summarizeImport(report));
  }
  return report;
}

/** One line: "1416 read: 1400 new, 10 updated, 5 unchanged, 1 rejected". */
export function summarizeImport(r: ImportReport): string {
  return `${r.read} read: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`;
}
