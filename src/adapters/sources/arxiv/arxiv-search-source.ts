/**
 * An arXiv API search (`search_query` syntax, newest first) as a resumable Source: pages of
 * `pageSize` results up to `max`, the cursor remembering the next start index per query. Useful to
 * pull a topic (`cat:cs.IR AND abs:retrieval`) without harvesting a whole OAI set.
 */
import type { Source, SourcePage } from '../../../core/ingest/ports.ts';
import type { ArxivAtomClient } from './arxiv-atom-client.ts';
import { ATOM_SOURCE } from './arxiv-atom-parser.ts';

export interface ArxivSearchOptions {
  client: ArxivAtomClient;
  query: string;
  /** Most results to read in total (default 1000; arXiv serves at most 30000 per query). */
  max?: number;
  /** Results per request (default 100, at most 2000). */
  pageSize?: number;
}

export function arxivSearchSource(options: ArxivSearchOptions): Source {
  const max = Math.min(options.max ?? 1000, 30_000);
  const pageSize = options.pageSize ?? 100;
  return {
    name: ATOM_SOURCE,
    set: options.query,
    async *harvest(stateText, signal): AsyncGenerator<SourcePage> {
      const stored = stateText ? (JSON.parse(stateText) as { next?: number | null }) : {};
      // A finished search starts over next time (new papers come first in this order).
      let start: number | null = typeof stored.next === 'number' ? stored.next : 0;
      while (start !== null && start < max) {
        const from: number = start;
        const size = Math.min(pageSize, max - from);
        const page = await options.client.search(options.query, from, size, signal);
        const records = page.papers.map((paper, i) => ({ line: from + i + 1, paper }));
        const next = page.next !== null && page.next < max ? page.next : null;
        yield { records, state: JSON.stringify({ next }), total: Math.min(page.totalResults, max) };
        start = next;
      }
    },
  };
}
