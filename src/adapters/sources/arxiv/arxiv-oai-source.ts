/**
 * arXiv OAI-PMH harvesting as a resumable Source: ListRecords for one set (or all of arXiv) and one
 * metadata format, from/until windows, resumptionToken paging. The cursor stored with each page is
 * the window plus the token for the next page; when a list completes it becomes "next time, start
 * from the latest datestamp seen" (inclusive, so a day announced late is never missed — re-reading
 * it is a no-op for unchanged papers). Requests go through the shared arXiv PoliteHttp gate.
 */
import type { Clock } from '../../../core/clock.ts';
import { createError, isAppError } from '../../../core/errors.ts';
import type { Source, SourcePage } from '../../../core/ingest/ports.ts';
import type { Logger } from '../../../core/logger.ts';
import type { PoliteHttp } from '../http/polite-http.ts';
import { OAI_SOURCE, parseOaiPage } from './arxiv-oai-parser.ts';

export type OaiMetadataPrefix = 'arXiv' | 'arXivRaw' | 'oai_dc';

export interface ArxivOaiOptions {
  /** e.g. https://oaipmh.arxiv.org/oai */
  baseUrl: string;
  http: PoliteHttp;
  clock: Clock;
  log: Logger;
  /** OAI set (`cs`, `physics:hep-th`); '' for all of arXiv. */
  set: string;
  metadataPrefix?: OaiMetadataPrefix;
  /** First datestamp (YYYY-MM-DD); overrides where the last harvest ended. */
  from?: string;
  /** Last datestamp (YYYY-MM-DD), inclusive. */
  until?: string;
  /** Where a first harvest (no cursor yet, no `from`) starts; default: the whole set. */
  initialFrom?: string;
}

/** The stored cursor: the current window, and the token of the next page when one is pending. */
interface OaiState {
  prefix: string;
  from: string | null;
  until: string | null;
  token: string | null;
  /** Latest datestamp seen in this window so far. */
  maxDatestamp: string | null;
}

export function arxivOaiSource(options: ArxivOaiOptions): Source {
  const prefix = options.metadataPrefix ?? 'arXiv';
  return {
    name: OAI_SOURCE,
    set: options.set,
    async *harvest(stateText, signal): AsyncGenerator<SourcePage> {
      let state = startState(parseState(stateText, options.log), options, prefix);
      let fetched = 0;
      for (;;) {
        const url = requestUrl(options, state);
        const res = await options.http.get(url, signal);
        if (res.status !== 200) {
          throw createError('source_unavailable', OAI_SOURCE, `HTTP ${res.status} for ${url}`);
        }
        let page: ReturnType<typeof parseOaiPage>;
        try {
          page = parseOaiPage(res.body, options.clock.now().toISOString());
        } catch (error) {
          if (state.token && isAppError(error) && oaiCode(error) === 'badResumptionToken') {
            // Tokens expire; the window is read again from its start (upserts make that safe).
            options.log.warn('resumption token expired, restarting the window', {
              set: options.set,
              from: state.from,
            });
            state = { ...state, token: null };
            continue;
          }
          throw error;
        }
        fetched += page.records.length;
        const maxDatestamp = later(state.maxDatestamp, page.maxDatestamp);
        state = page.resumptionToken
          ? { ...state, token: page.resumptionToken, maxDatestamp }
          : {
              prefix,
              from: maxDatestamp ?? state.from,
              until: null,
              token: null,
              maxDatestamp: null,
            };
        yield {
          records: page.records,
          state: JSON.stringify(state),
          ...(page.completeListSize !== null ? { total: page.completeListSize } : {}),
        };
        if (!page.resumptionToken) return;
        options.log.debug('oai page committed', { set: options.set, records: fetched });
      }
    },
  };
}

/** Where this run starts: a pending token of the same window resumes; otherwise a new window. */
function startState(stored: OaiState | null, options: ArxivOaiOptions, prefix: string): OaiState {
  const from = options.from ?? stored?.from ?? options.initialFrom ?? null;
  const until = options.until ?? null;
  const sameWindow =
    stored !== null && stored.prefix === prefix && stored.from === from && stored.until === until;
  if (sameWindow && stored.token) return stored;
  return { prefix, from, until, token: null, maxDatestamp: null };
}

function requestUrl(options: ArxivOaiOptions, state: OaiState): string {
  const url = new URL(options.baseUrl);
  url.searchParams.set('verb', 'ListRecords');
  if (state.token) {
    // OAI-PMH: resumptionToken is an exclusive argument.
    url.searchParams.set('resumptionToken', state.token);
    return url.href;
  }
  url.searchParams.set('metadataPrefix', state.prefix);
  if (options.set) url.searchParams.set('set', options.set);
  if (state.from) url.searchParams.set('from', state.from);
  if (state.until) url.searchParams.set('until', state.until);
  return url.href;
}

function parseState(text: string | null, log: Logger): OaiState | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<OaiState>;
    return typeof v.prefix === 'string'
      ? {
          prefix: v.prefix,
          from: v.from ?? null,
          until: v.until ?? null,
          token: v.token ?? null,
          maxDatestamp: v.maxDatestamp ?? null,
        }
      : null;
  } catch (error) {
    // Starting over re-reads the window from its start; upserts make that safe.
    log.warn('unreadable cursor; starting over', { source: OAI_SOURCE, error });
    return null;
  }
}

function oaiCode(error: { details: unknown }): string | undefined {
  return (error.details as { oaiCode?: string } | undefined)?.oaiCode;
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
