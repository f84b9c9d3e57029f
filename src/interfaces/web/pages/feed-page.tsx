/**
 * The daily feed: one day, week or month of featured papers, most upvoted first, with day/week/month
 * tabs, previous/next navigation and pagination.
 */

import type { UserRef } from '../../../core/community/model.ts';
import type { Feed } from '../../../core/feed-periods/get-feed.ts';
import { isoWeekOf, monthOf, type Period } from '../../../core/feed-periods/period.ts';
import { FeedAlternates, FeedBadges } from '../components/feed-links.tsx';
import { PaperCard } from '../components/paper-card.tsx';
import { SubscribeBox } from '../components/subscribe-box.tsx';
import { digestHour, formatPeriod, periodPath } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface FeedPageProps {
  feed: Feed;
  page: number;
  pageSize: number;
  /** Papers the viewer upvoted. */
  voted?: Set<string>;
  /** Local submitters by paper id. */
  submitters?: Map<string, UserRef>;
  /** The hour (0–23, subscriber's zone) digests go out: DIGEST_SEND_HOUR. */
  sendHour: number;
}

const DAILY_FEED = { base: '/feeds/daily', title: 'paperboy daily papers' };

/** Renders a feed period. */
export function FeedPage({ feed, page, pageSize, voted, submitters, sendHour }: FeedPageProps) {
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
        <PeriodTabs period={period} />
      </div>
      <PeriodNav feed={feed} />
      {feed.items.length === 0 ? (
        <p class="empty">No papers were featured in this period.</p>
      ) : (
        <ol class="papers">
          {feed.items.map((item, i) => (
            <PaperCard
              paper={item.paper}
              position={(page - 1) * pageSize + i + 1}
              voted={voted?.has(item.paper.id)}
              submitter={submitters?.get(item.paper.id)}
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
    </Layout>
  );
}

function PeriodTabs({ period }: { period: Period }) {
  const anchor = period.kind === 'day' ? period.from : period.to;
  const tabs: [Period['kind'], string, string][] = [
    ['day', 'Daily', `/papers/date/${period.kind === 'day' ? period.label : anchor}`],
    ['week', 'Weekly', `/papers/week/${isoWeekOf(period.from)}`],
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
