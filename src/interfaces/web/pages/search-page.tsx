/**
 * The search page: query box with sort, the filters in force (removable), honest counts (words,
 * then meaning, with a visible boundary), results first (with highlights and why-it-matched
 * hints), then beside them on wide screens — after the first few on narrow ones — the alert box
 * and facets (category, year, authors of these results); pagination, a helpful page when nothing
 * matches, and a box to paste an abstract. Filters live in the URL (q, cat, author, year, from,
 * to, sort, page).
 */
import type { SearchSort } from '../../../core/search/query.ts';
import type { SearchResult } from '../../../core/search/search-papers.ts';
import { MAX_PASTED_TEXT } from '../../../core/search/similar-papers.ts';
import { CiteLinks } from '../components/cite-links.tsx';
import { FeedAlternates, FeedBadges } from '../components/feed-links.tsx';
import { FollowButton } from '../components/follow-button.tsx';
import { MissingPaperNotice } from '../components/missing-paper-notice.tsx';
import { MeaningBoundary, NoResults, ResultCounts } from '../components/result-counts.tsx';
import { SearchResultCard } from '../components/search-result-card.tsx';
import { SubscribeBox } from '../components/subscribe-box.tsx';
import { Layout } from '../layout.tsx';

/** The search parameters as they appear in the URL. */
export interface SearchParams {
  q: string;
  cat: string;
  author: string;
  year: string;
  from: string;
  to: string;
  sort: SearchSort;
}

export interface SearchPageProps {
  params: SearchParams;
  result: SearchResult | null;
  error: string | null;
  page: number;
  pageSize: number;
  /** Papers the viewer upvoted. */
  voted?: Set<string>;
  /** An arXiv id the reader searched for that is not stored here. */
  missingId?: string | undefined;
}

/** Results shown before the alert box and facets on narrow screens. */
const FIRST = 3;

/** The authors of this page's results, most frequent first (a facet of what is on screen). */
function authorsOf(result: SearchResult): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const hit of result.hits) {
    for (const name of hit.paper.authors) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, 8);
}

/** /search with these params, changed by `overrides` (empty values are left out). */
export function searchUrl(
  params: SearchParams,
  overrides: Partial<SearchParams> & { page?: number } = {},
) {
  const merged: Record<string, string | number | undefined> = { ...params, ...overrides };
  if (merged.sort === 'relevance') merged.sort = undefined;
  const query = Object.entries(merged)
    .filter(([, v]) => v !== undefined && v !== '' && v !== 1)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return query ? `/search?${query}` : '/search';
}

/** The search as an alert saves it: its words and filters, without sort or page. */
function savedSearch(params: SearchParams): string {
  const keep = (['q', 'cat', 'author', 'year', 'from', 'to'] as const).filter((k) => params[k]);
  return new URLSearchParams(keep.map((k): [string, string] => [k, params[k]])).toString();
}

/** The search's filters that are set, by URL name. */
function filterParams(params: SearchParams): Record<string, string> {
  const set = (['cat', 'author', 'year', 'from', 'to'] as const).filter((k) => params[k]);
  return Object.fromEntries(set.map((k) => [k, params[k]]));
}

export function SearchPage({
  params,
  result,
  error,
  page,
  pageSize,
  voted,
  missingId,
}: SearchPageProps) {
  const title = params.q ? `Search: ${params.q}` : 'Search';
  const pages = result ? Math.max(1, Math.ceil(result.total / pageSize)) : 1;
  // A saved search is a feed URL: the same parameters on /feeds/search.{rss,atom,json}.
  const feed = result
    ? {
        base: '/feeds/search',
        query: searchUrl(params).slice('/search'.length),
        title: `paperboy: ${title}`,
      }
    : null;
  return (
    <Layout title={title} query={params.q} head={feed ? <FeedAlternates feed={feed} /> : undefined}>
      <h1 class="visually-hidden">Search</h1>
      <form class="search-form" method="get" action="/search">
        <label class="visually-hidden" for="search-q">
          Search papers
        </label>
        <input id="search-q" type="search" name="q" value={params.q} />
        {(['cat', 'author', 'year', 'from', 'to'] as const).map((k) =>
          params[k] ? <input type="hidden" name={k} value={params[k]} /> : null,
        )}
        <label class="visually-hidden" for="search-sort">
          Sort by
        </label>
        <select id="search-sort" name="sort">
          {(
            [
              ['relevance', 'Most relevant'],
              ['newest', 'Newest'],
              ['upvotes', 'Most upvoted'],
            ] as const
          ).map(([value, label]) => (
            <option value={value} selected={params.sort === value}>
              {label}
            </option>
          ))}
        </select>
        <button class="button primary" type="submit">
          Search
        </button>
      </form>
      <ActiveFilters params={params} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {missingId && <MissingPaperNotice id={missingId} />}
      {result?.notices.map((n) => (
        <p class="notice">{n}</p>
      ))}
      {result ? (
        <Results
          result={result}
          params={params}
          page={page}
          pages={pages}
          pageSize={pageSize}
          voted={voted}
        />
      ) : (
        <Help />
      )}
      <PasteAbstract />
      {feed && <FeedBadges feed={feed} />}
      {result && result.total > 0 && (
        <CiteLinks
          label="Cite these results"
          params={{ q: params.q, sort: params.sort, ...filterParams(params) }}
        />
      )}
    </Layout>
  );
}

function Results(props: {
  result: SearchResult;
  params: SearchParams;
  page: number;
  pages: number;
  pageSize: number;
  voted?: Set<string>;
}) {
  const { result, params, page, pages, pageSize, voted } = props;
  if (result.hits.length === 0) {
    return result.total === 0 ? (
      <NoResults result={result} retry={(q) => searchUrl(params, { q })} />
    ) : (
      <p class="empty">No more results: this page is past the last one.</p>
    );
  }
  const offset = (page - 1) * pageSize;
  // Each part of the page is one grid area holding its list (two lists and the boundary
  // between them when meaning-only results start there).
  const list = (from: number, to: number, where: string) => {
    const parts = splitAtBoundary(result, offset, from, to);
    if (parts.length === 0) return null;
    return (
      <div class={where}>
        {parts.map((part) => (
          <>
            {part.boundary && <MeaningBoundary count={result.counts.meaning} />}
            <ol class="papers" start={part.start + 1}>
              {part.hits.map((hit, i) => (
                <SearchResultCard
                  hit={hit}
                  position={part.start + i + 1}
                  voted={voted?.has(hit.paper.id)}
                />
              ))}
            </ol>
          </>
        ))}
      </div>
    );
  };
  return (
    <div class="search-layout">
      <div class="results-count">
        <ResultCounts result={result} retry={(q) => searchUrl(params, { q, page: 1 })} />
      </div>
      {list(0, FIRST, 'results-first')}
      <aside class="search-side" aria-label="Alerts and refinements">
        <SubscribeBox
          kind="search"
          query={savedSearch(params)}
          heading="Email me new papers like this"
          blurb="New papers that match this search — by keywords or by meaning — as they arrive."
        />
        {params.q.trim() && <FollowButton kind="topic" label={params.q.trim()} />}
        <div class="facets">
          <Facet
            title="Category"
            items={result.facets.categories}
            href={(v) => searchUrl(params, { cat: v })}
          />
          <Facet
            title="Authors in these results"
            items={authorsOf(result)}
            href={(v) => searchUrl(params, { author: v })}
          />
          <Facet
            title="Year"
            items={result.facets.years}
            href={(v) => searchUrl(params, { year: v })}
          />
        </div>
      </aside>
      {list(FIRST, result.hits.length, 'results-rest')}
      <div class="results-pager">
        {pages > 1 && (
          <nav class="pager" aria-label="Pages">
            {page > 1 ? (
              <a href={searchUrl(params, { page: page - 1 })} rel="prev">
                ← Page {page - 1}
              </a>
            ) : (
              <span />
            )}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? (
              <a href={searchUrl(params, { page: page + 1 })} rel="next">
                Page {page + 1} →
              </a>
            ) : (
              <span />
            )}
          </nav>
        )}
      </div>
    </div>
  );
}

/**
 * The page's hits from `from` to `to` as one or two lists, split where meaning-only results
 * start (the boundary is shown once, before the first meaning-only result on the page).
 */
function splitAtBoundary(result: SearchResult, offset: number, from: number, to: number) {
  const end = Math.min(to, result.hits.length);
  const at = Math.max(0, result.boundary - offset);
  const cut = Math.min(Math.max(at, from), end);
  const parts = [
    { hits: result.hits.slice(from, cut), start: offset + from, boundary: false },
    { hits: result.hits.slice(cut, end), start: offset + cut, boundary: at >= from && at < end },
  ];
  return parts.filter((p) => p.hits.length > 0);
}

function Facet(props: {
  title: string;
  items: { value: string; count: number }[];
  href: (v: string) => string;
}) {
  if (props.items.length === 0) return null;
  return (
    <section>
      <h2>{props.title}</h2>
      <ul>
        {props.items.map((f) => (
          <li>
            <a href={props.href(f.value)}>{f.value}</a> <span class="count">{f.count}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ActiveFilters({ params }: { params: SearchParams }) {
  const active = (['cat', 'author', 'year', 'from', 'to'] as const).filter((k) => params[k]);
  if (active.length === 0) return null;
  return (
    <ul class="meta filters" aria-label="Filters">
      {active.map((k) => (
        <li class="chip">
          {k}: {params[k]}{' '}
          <a href={searchUrl(params, { [k]: '' })} aria-label={`Remove filter ${k}`}>
            ×
          </a>
        </li>
      ))}
    </ul>
  );
}

function Help() {
  return (
    <section class="help">
      <p>Search titles, abstracts and authors by keywords and by meaning. You can also write:</p>
      <ul>
        <li>
          <code>"exact phrase"</code> and <code>-word</code> to exclude
        </li>
        <li>
          <code>author:hinton</code>, <code>cat:cs.CL</code> or <code>cat:cs.*</code>
        </li>
        <li>
          <code>year:2025</code>, <code>from:2026-01-01</code>, <code>to:2026-06-30</code>
        </li>
        <li>an arXiv id or link, to go straight to the paper</li>
      </ul>
    </section>
  );
}

function PasteAbstract() {
  return (
    <details class="paste">
      <summary>Find papers similar to an abstract</summary>
      <form method="post" action="/search/similar">
        <label for="paste-text">Paste an abstract or a paragraph</label>
        <textarea id="paste-text" name="text" rows={6} maxlength={MAX_PASTED_TEXT} required />
        <button class="button" type="submit">
          Find similar papers
        </button>
      </form>
    </details>
  );
}
