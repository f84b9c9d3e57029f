/**
 * First-start seeding: when the store holds no papers, load the bundled demo corpus so a newcomer
 * sees a living site. Running it again on a non-empty store does nothing.
 */
import type { Logger } from '../logger.ts';
import { type ImportReport, summarizeImport } from './import-papers.ts';
import type { PaperRepo } from './ports.ts';

export interface SeedDemoInput {
  repo: PaperRepo;
  log: Logger;
  /** Imports the demo corpus (papers and their embedding-queue entries, page by page). */
  load: () => Promise<ImportReport>;
}

/** Loads the demo corpus if the store is empty; returns the import report, or null if skipped. */
export async function seedDemo(input: SeedDemoInput): Promise<ImportReport | null> {
  if ((await input.repo.count()) > 0) return null;
  const started = Date.now();
  const report = await input.load();
  input.log.info('demo corpus loaded', {
    papers: report.inserted,
    rejected: report.rejected.length,
    ms: Date.now() - started,
    summary: summarizeImport(report),
    hint: 'start with --no-demo (or PAPERBOY_DEMO=false) on an empty store to skip it',
  });
  return report;
}
