/**
 * One scheduled harvest per source in PAPERBOY_SOURCES (`harvest:arxiv-oai:cs`,
 * `harvest:hf-daily`…). Each run continues from the source's cursor; the scheduler's lease keeps
 * two harvests of one source from overlapping, failures back off, and a Retry-After the source
 * sent (carried on the error) decides the next attempt.
 */
import type { Container } from '../../../container.ts';
import { ingestSource, summarizeIngest } from '../../../core/ingest/ingest-source.ts';
import type { Source } from '../../../core/ingest/ports.ts';
import type { Job } from '../../../core/jobs/model.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'config' | 'ingest' | 'sources'>;

/** The schedule name of a source's harvest job. */
export function harvestJobName(source: Pick<Source, 'name' | 'set'>): string {
  return source.set ? `harvest:${source.name}:${source.set}` : `harvest:${source.name}`;
}

export function harvestJobs(container: Uses): Job[] {
  return container.sources.configured().map((source) => ({
    name: harvestJobName(source),
    everyMs: container.config.sourceIntervalMinutes * 60_000,
    async run({ signal, log }) {
      const report = await ingestSource({ source, store: container.ingest, signal, log });
      log.info('harvest finished', {
        source: source.name,
        set: source.set,
        pages: report.pages,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected.length,
        summary: summarizeIngest(report),
      });
      for (const r of report.rejected.slice(0, 5)) {
        log.warn('harvest rejected a record', { source: source.name, error: r.error });
      }
      // Stopped by a shutdown: the cursor holds the last page; continue as soon as a worker runs.
      return report.stopped ? { nextRunAt: container.clock.now() } : undefined;
    },
  }));
}
