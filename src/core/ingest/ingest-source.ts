/**
 * Harvesting one source: read its pages from where the last committed page left off, commit each
 * page (papers + embedding queue + cursor) in one transaction, and report new / updated /
 * unchanged / rejected. A crash between pages loses nothing; a crash inside a page rolls it back
 * and the next run reads that page again.
 */

import type { Logger } from '../logger.ts';
import type { ImportReport } from '../papers/import-papers.ts';
import type { Paper } from '../papers/model.ts';
import type { ProgressFactory } from '../progress.ts';
import type { IngestStore, Source } from './ports.ts';

export interface IngestSourceInput {
  source: Source;
  store: IngestStore;
  progress?: ProgressFactory;
  /** Label for progress output (default `<name> <set>`). */
  label?: string;
  signal?: AbortSignal;
  /** Gets a debug line per committed page. */
  log?: Logger;
}

export interface IngestReport extends ImportReport {
  /** Pages committed in this run. */
  pages: number;
  /** True when `signal` stopped the run early (shutdown); the cursor holds the last page. */
  stopped: boolean;
}

/**
 * Runs the harvest to the end of what the source has now. Rejected records are reported and
 * skipped; errors that abort a page (the source is down, a page is malformed) are thrown after
 * everything before that page was committed.
 */
export async function ingestSource(input: IngestSourceInput): Promise<IngestReport> {
  const { source, store } = input;
  const cursor = await store.getCursor(source.name, source.set);
  const label = input.label ?? [source.name, source.set].filter((s) => s !== '').join(' ');
  const progress = input.progress?.(label);
  const report: IngestReport = {
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    pages: 0,
    stopped: false,
  };
  let summary = 'failed';
  try {
    for await (const page of source.harvest(cursor?.state ?? null, input.signal)) {
      const papers: Paper[] = [];
      for (const record of page.records) {
        if ('error' in record) report.rejected.push({ line: record.line, error: record.error });
        else papers.push(record.paper);
      }
      const outcome = await store.commitPage(papers, {
        source: source.name,
        set: source.set,
        state: page.state,
        records: page.records.length,
      });
      report.read += page.records.length;
      report.inserted += outcome.inserted;
      report.updated += outcome.updated;
      report.unchanged += outcome.unchanged;
      report.pages++;
      input.log?.debug('page committed', {
        source: source.name,
        set: source.set,
        page: report.pages,
        records: page.records.length,
        inserted: outcome.inserted,
        updated: outcome.updated,
      });
      progress?.advance(page.records.length, page.total);
      if (input.signal?.aborted) break;
    }
    report.stopped = input.signal?.aborted === true;
    summary = summarizeIngest(report);
  } catch (error) {
    // Aborting mid-request surfaces as a fetch error; that is a stop, not a failure.
    if (!input.signal?.aborted) throw error;
    report.stopped = true;
    summary = `${summarizeIngest(report)} (stopped)`;
  } finally {
    progress?.done(summary);
  }
  return report;
}

/** "3 pages, 2500 read: 2400 new, 90 updated, 5 unchanged, 5 rejected". */
export function summarizeIngest(r: IngestReport): string {
  return `${r.pages} page(s), ${r.read} read: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`;
}
