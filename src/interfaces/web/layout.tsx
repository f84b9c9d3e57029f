/**
 * The page shell: head (meta, stylesheet, feeds), header with navigation and search, footer.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { Flash } from './components/flash.tsx';
import { UserMenu } from './components/user-menu.tsx';
import { APP_JS_PATH, FAVICON_PATH, STYLE_PATH } from './static-assets.ts';
import { useView } from './view-context.ts';

export interface LayoutProps {
  title: string;
  /** Meta description for the page. */
  description?: string;
  children: Child;
  /** Extra elements for <head> (alternate feeds, canonical links). */
  head?: Child;
  /** The current search query, shown in the header's search box. */
  query?: string;
}

/** Wraps a page body in the site layout. */
export function Layout(props: LayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{props.title === 'paperboy' ? 'paperboy' : `${props.title} · paperboy`}</title>
          <meta
            name="description"
            content={props.description ?? 'Daily research papers, curated and searchable.'}
          />
          <link rel="icon" href={FAVICON_PATH} type="image/svg+xml" />
          <link rel="stylesheet" href={STYLE_PATH} />
          <script src={APP_JS_PATH} defer />
          {props.head}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href="/" aria-label="paperboy home">
                <svg class="logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                  <rect
                    x="3"
                    y="4"
                    width="18"
                    height="16"
                    rx="2"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                  />
                  <path
                    d="M7 9h10M7 13h10M7 17h6"
                    stroke="currentColor"
                    stroke-width="2"
                    stroke-linecap="round"
                  />
                </svg>
                paperboy
              </a>
              <nav aria-label="Main">
                <ul class="nav">
                  <li>
                    <a href="/">Daily</a>
                  </li>
                  <li>
                    <a href="/trending">Trending</a>
                  </li>
                  <li>
                    <a href="/for-you">For you</a>
                  </li>
                  <li>
                    <a href="/submit">Submit</a>
                  </li>
                  <li>
                    <a href="/email">Email</a>
                  </li>
                </ul>
              </nav>
              <form class="search" method="get" action="/search">
                <label class="visually-hidden" for="header-q">
                  Search papers
                </label>
                <input
                  id="header-q"
                  type="search"
                  name="q"
                  value={props.query ?? ''}
                  placeholder="Search papers, authors, arXiv ids… or paste an abstract"
                />
              </form>
              <UserMenu />
            </div>
          </header>
          <BannedNotice />
          <main id="main" class="wrap">
            <Flash />
            {props.children}
          </main>
          <p id="live" class="visually-hidden" aria-live="polite" />
          <footer class="site-footer wrap">
            <p>
              paperboy — open, self-hostable paper discovery. Metadata from arXiv (CC0) and Hugging
              Face Daily Papers.
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}

function BannedNotice() {
  const { viewer } = useView();
  if (!viewer?.banned) return null;
  return (
    <p class="wrap notice warn" role="status">
      Your account is banned: you can read, but not vote, comment, submit or collect.
    </p>
  );
}
