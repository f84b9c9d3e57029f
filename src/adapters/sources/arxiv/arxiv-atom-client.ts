/**
 * The arXiv API client (`/api/query`, Atom): papers by id (the PaperFetcher port, used by
 * `paperboy add` and submissions) and search queries with paging. Requests go through the shared
 * arXiv PoliteHttp gate (one at a time, ≥ 3 s apart).
 */
import type { Clock } from '../../../core/clock.ts';
import { createError } from '../../../core/errors.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import type { Paper } from '../../../core/papers/model.ts';
import type { PaperFetcher } from '../../../core/papers/ports.ts';
import type { PoliteHttp } from '../http/polite-http.ts';
import { type AtomFeed, parseArxivAtom } from './arxiv-atom-parser.ts';

/** Ids per request; arXiv answers id lists of this size comfortably. */
const IDS_PER_REQUEST = 100;
/** The API refuses more than 2000 results per call. */
const MAX_PAGE = 2000;

export interface ArxivAtomClientOptions {
  /** e.g. http://export.arxiv.org/api/query */
  baseUrl: string;
  http: PoliteHttp;
  clock: Clock;
}

export interface SearchPage {
  papers: Paper[];
  totalResults: number;
  /** Start index of the next page, or null when there is none. */
  next: number | null;
}

export class ArxivAtomClient implements PaperFetcher {
  constructor(private readonly options: ArxivAtomClientOptions) {}

  /**
   * The papers arXiv has for `ids` (any shape parseArxivId accepts). Unknown ids are absent from
   * the result; an input that is not an arXiv id at all is an `invalid_arxiv_id` error.
   */
  async fetchByIds(ids: string[], signal?: AbortSignal): Promise<Paper[]> {
    const canonical = [
      ...new Set(
        ids.map((input) => {
          const parsed = parseArxivId(input);
          if (!parsed) throw createError('invalid_arxiv_id', input);
          return parsed.id;
        }),
      ),
    ];
    const found = new Map<string, Paper>();
    for (let i = 0; i < canonical.length; i += IDS_PER_REQUEST) {
      const chunk = canonical.slice(i, i + IDS_PER_REQUEST);
      const feed = await this.query(
        { id_list: chunk.join(','), start: '0', max_results: String(chunk.length) },
        signal,
      );
      for (const paper of feed.papers) found.set(paper.id, paper);
    }
    return canonical.flatMap((id) => found.get(id) ?? []);
  }

  /** One page of a search (`search_query` syntax, e.g. `cat:cs.CL AND ti:retrieval`). */
  async search(
    query: string,
    start = 0,
    pageSize = 100,
    signal?: AbortSignal,
  ): Promise<SearchPage> {
    if (query.trim() === '') throw createError('invalid_query', 'the search query is empty');
    const size = Math.min(Math.max(1, pageSize), MAX_PAGE);
    const feed = await this.query(
      {
        search_query: query,
        start: String(start),
        max_results: String(size),
        sortBy: 'submittedDate',
        sortOrder: 'descending',
      },
      signal,
    );
    const end = start + feed.papers.length;
    const more = feed.papers.length > 0 && end < feed.totalResults;
    return { papers: feed.papers, totalResults: feed.totalResults, next: more ? end : null };
  }

  private async query(params: Record<string, string>, signal?: AbortSignal): Promise<AtomFeed> {
    const url = new URL(this.options.baseUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await this.options.http.get(url.href, signal);
    if (res.status !== 200 && res.status !== 400) {
      throw createError('source_unavailable', 'arxiv-atom', `HTTP ${res.status} for ${url.href}`);
    }
    // A 400 carries arXiv's error feed; parseArxivAtom turns it into invalid_input.
    const feed = parseArxivAtom(res.body, this.options.clock.now().toISOString());
    if (res.status === 400) {
      throw createError('source_malformed', 'arxiv-atom', `HTTP 400 without an error entry`);
    }
    return feed;
  }
}
