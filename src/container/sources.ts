/**
 * The harvestable sources and the arXiv API client, sharing one politeness gate per host (arXiv:
 * one request at a time, ARXIV_REQUEST_INTERVAL_MS apart).
 */

import { parsePaperLine } from '../adapters/files/paper-jsonl-reader.ts';
import { ArxivAtomClient } from '../adapters/sources/arxiv/arxiv-atom-client.ts';
import {
  arxivOaiSource,
  type OaiMetadataPrefix,
} from '../adapters/sources/arxiv/arxiv-oai-source.ts';
import { arxivSearchSource } from '../adapters/sources/arxiv/arxiv-search-source.ts';
import { fileSource } from '../adapters/sources/file-source.ts';
import { hfDailySource } from '../adapters/sources/hf/hf-daily-source.ts';
import { type FetchFn, PoliteHttp } from '../adapters/sources/http/polite-http.ts';
import { parseKaggleLine } from '../adapters/sources/snapshot/kaggle-snapshot-parser.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { Source } from '../core/ingest/ports.ts';
import type { Logger } from '../core/logger.ts';

/** Ways to build a Source; every HTTP source shares its host's politeness gate. */
export interface SourceFactory {
  arxivOai(options: {
    set?: string;
    metadataPrefix?: OaiMetadataPrefix;
    from?: string;
    until?: string;
    initialFrom?: string;
  }): Source;
  /** An arXiv API search (`search_query` syntax), newest first, up to `max` results. */
  arxivSearch(options: { query: string; max?: number }): Source;
  hfDaily(options: { from?: string; to?: string }): Source;
  /**
   * A Kaggle arXiv snapshot file (.json / .json.gz lines). `once`: a file read to its end is not
   * read again until it changes (scheduled harvests); otherwise every run reads it all.
   */
  snapshot(path: string, options?: { batchSize?: number; once?: boolean }): Source;
  /** A paperboy JSONL file (`paperboy export`). */
  paperJsonl(path: string, options?: { batchSize?: number }): Source;
  /** The sources PAPERBOY_SOURCES names, for the scheduler (first runs start a week back). */
  configured(): Source[];
}

export function wireSources(
  config: Config,
  deps: { clock: Clock; log: Logger; fetch: FetchFn },
): { sources: SourceFactory; arxivAtom: ArxivAtomClient } {
  const { clock, log } = deps;
  const arxivHttp = new PoliteHttp({
    source: 'arxiv',
    fetch: deps.fetch,
    minIntervalMs: config.arxivIntervalMs,
    log: log.child({ component: 'http.arxiv' }),
  });
  const arxivAtom = new ArxivAtomClient({ baseUrl: config.arxivApiUrl, http: arxivHttp, clock });
  const hfHttp = new PoliteHttp({
    source: 'huggingface',
    fetch: deps.fetch,
    minIntervalMs: config.hfIntervalMs,
    log: log.child({ component: 'http.hf' }),
  });
  const ingestLog = log.child({ component: 'ingest' });
  const sources: SourceFactory = {
    arxivOai: (o) =>
      arxivOaiSource({
        ...o,
        set: o.set ?? '',
        baseUrl: config.arxivOaiUrl,
        http: arxivHttp,
        clock,
        log: ingestLog,
      }),
    arxivSearch: (o) => arxivSearchSource({ ...o, client: arxivAtom }),
    hfDaily: (o) =>
      hfDailySource({ ...o, baseUrl: config.hfApiUrl, http: hfHttp, clock, log: ingestLog }),
    snapshot: (path, o) =>
      fileSource({
        name: 'snapshot',
        path,
        batchSize: o?.batchSize,
        once: o?.once,
        parseLine: (line, text) => parseKaggleLine(line, text, clock.now().toISOString()),
      }),
    paperJsonl: (path, o) =>
      fileSource({ name: 'import', path, batchSize: o?.batchSize, parseLine: parsePaperLine }),
    configured: () =>
      config.sources.map((entry) => {
        if (entry === 'hf') return sources.hfDaily({});
        if (entry.startsWith('snapshot:')) {
          return sources.snapshot(entry.slice('snapshot:'.length), { once: true });
        }
        const weekAgo = new Date(clock.now().getTime() - 7 * 86_400_000).toISOString();
        return sources.arxivOai({
          set: entry.replace(/^arxiv:?/, ''),
          initialFrom: weekAgo.slice(0, 10),
        });
      }),
  };
  return { sources, arxivAtom };
}
