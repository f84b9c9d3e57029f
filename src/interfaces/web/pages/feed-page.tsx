/**
 * The daily feed: one day, week or month of featured papers, most upvoted first, with day/week/month
 * tabs, previous/next navigation and pagination.
 */

import type { Feed } from '../../../core/feed-periods/get-feed.ts';
import { isoWeekOf, monthOf, type Period } from '../../../core/feed-periods/period.ts';
import { CiteLinks } from '../components/cite-links.tsx';
import { FeedAlternates, FeedBadges } from '../components/feed-links.tsx';
import { type Freshness, FreshnessNote } from '../components/freshness-note.tsx';
import { type CardSocial, PaperCard } from '../components/paper-card.tsx';
import { SubscribeBox } from '../components/subscribe-box.tsx';
import { digestHour, formatPeriod, periodPath } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface FeedPageProps {
  feed: Feed;
  page: number;
  pageSize: number;
  /** The viewer's votes, local submitters and comments (withSocial). */
  social?: CardSocial;
  /** How fresh the store is (shown under the heading). */
  freshness?: Freshness;
  /** The hour (0–23, subscriber's zone) digests go out: DIGEST_SEND_HOUR. */
  sendHour: number;
}

const DAILY_FEED = { base: '/feeds/daily', title: 'paperboy daily papers' };

/** Renders a feed period. */
export function FeedPage({ feed, page, pageSize, social, freshness, sendHour }: FeedPageProps) {
  const { period } = feed;
  const title = `Daily Papers — ${formatPeriod(period)}`;
  const pages = Math.max(1, Math.ceil(feed.total / pageSize));
  return (
    <Layout
      title={title}
      description={`${feed.total} papers featured: ${formatPeriod(period)}`}
      head={<FeedAlternates feed={DAILY_FEED} />}
    >
      <div class="feed-head">
        <div>
          <h1>{formatPeriod(period)}</h1>
          <p class="subtitle">
            {feed.total} paper{feed.total === 1 ? '' : 's'} featured · most upvoted first
          </p>
        </div>
        <PeriodTabs period={period} dailyDay={feed.dailyDay} />
      </div>
      {freshness && <FreshnessNote freshness={freshness} />}
      <PeriodNav feed={feed} />
      {feed.items.length === 0 ? (
        <p class="empty">No papers were featured in this period.</p>
      ) : (
        <ol class="papers grid">
          {feed.items.map((item, i) => (
            <PaperCard
              paper={item.paper}
              position={(page - 1) * pageSize + i + 1}
              social={social}
            />
          ))}
        </ol>
      )}
      {pages > 1 && <Pagination path={periodPath(period)} page={page} pages={pages} />}
      <SubscribeBox
        kind="trending"
        heading="Get trending papers in your inbox"
        blurb={`The most upvoted papers you have not seen yet, every weekday or every Monday at ${digestHour(sendHour)} in your time zone.`}
      />
      <FeedBadges feed={DAILY_FEED} />
      {feed.total > 0 && (
        <CiteLinks
          label="Cite this period"
          params={{ [period.kind === 'day' ? 'date' : period.kind]: period.label, limit: '500' }}
        />
      )}
    </Layout>
  );
}

function PeriodTabs({ period, dailyDay }: { period: Period; dailyDay: string }) {
  const tabs: [Period['kind'], string, string][] = [
    ['day', 'Daily', `/papers/date/${dailyDay}`],
    ['week', 'Weekly', `/papers/week/${isoWeekOf(dailyDay)}`],
    ['month', 'Monthly', `/papers/month/${monthOf(period.from)}`],
  ];
  return (
    <nav class="tabs" aria-label="Period">
      {tabs.map(([kind, label, href]) => (
        <a href={href} aria-current={kind === period.kind ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

function PeriodNav({ feed }: { feed: Feed }) {
  const noun = feed.period.kind === 'day' ? 'day' : feed.period.kind;
  return (
    <nav class="pager" aria-label={`Previous and next ${noun}`}>
      {feed.previous ? (
        <a href={periodPath(feed.previous)} rel="prev">
          ← {formatPeriod(feed.previous)}
        </a>
      ) : (
        <span class="disabled">← No earlier {noun}</span>
      )}
      {feed.next ? (
        <a href={periodPath(feed.next)} rel="next">
          {formatPeriod(feed.next)} →
        </a>
      ) : (
        <span class="disabled">No later {noun} →</span>
      )}
    </nav>
  );
}

function Pagination({ path, page, pages }: { path: string; page: number; pages: number }) {
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a href={`${path}?page=${page - 1}`}>← Page {page - 1}</a> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <a href={`${path}?page=${page + 1}`}>Page {page + 1} →</a> : <span />}
    </nav>
  );
}
