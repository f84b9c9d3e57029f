/**
 * The search page: query box with sort, the filters in force (removable), facets by category and
 * year, honest counts (words, then meaning, with a visible boundary), results with highlights and
 * why-it-matched hints, pagination, a helpful page when nothing matches, and a box to paste an
 * abstract. Filters live in the URL (q, cat, author, year, from, to, sort, page).
 */
import type { SearchSort } from '../../../core/search/query.ts';
import type { SearchResult } from '../../../core/search/search-papers.ts';
import { MAX_PASTED_TEXT } from '../../../core/search/similar-papers.ts';
import { FeedAlternates, FeedBadges } from '../components/feed-links.tsx';
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

export function SearchPage({ params, result, error, page, pageSize, voted }: SearchPageProps) {
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
      <h1>Search</h1>
      <form class="search-form" method="get" action="/search">
        <label class="visually-hidden" for="search-q">
          Search papers
        </label>
        <input id="search-q" type="search" name="q" value={params.q} maxlength={250} />
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
  return (
    <div class="search-layout">
      <aside class="facets" aria-label="Refine">
        <Facet
          title="Category"
          items={result.facets.categories}
          href={(v) => searchUrl(params, { cat: v })}
        />
        <Facet
          title="Year"
          items={result.facets.years}
          href={(v) => searchUrl(params, { year: v })}
        />
      </aside>
      <div>
        <ResultCounts result={result} retry={(q) => searchUrl(params, { q, page: 1 })} />
        <SubscribeBox
          kind="search"
          query={savedSearch(params)}
          heading="Email me new papers like this"
          blurb="New papers that match this search — by keywords or by meaning — as they arrive."
        />
        {splitAtBoundary(result, offset).map((part) => (
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

/** The page's hits as one or two lists, split where meaning-only results start. */
function splitAtBoundary(result: SearchResult, offset: number) {
  const at = Math.max(0, Math.min(result.hits.length, result.boundary - offset));
  const parts = [
    { hits: result.hits.slice(0, at), start: offset, boundary: false },
    { hits: result.hits.slice(at), start: offset + at, boundary: true },
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
