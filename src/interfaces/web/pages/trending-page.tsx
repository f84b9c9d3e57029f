/**
 * Trending papers: a documented gravity score over upvotes, discussion and time (docs/DESIGN.md).
 */
import type { Paper } from '../../../core/papers/model.ts';
import { FeedAlternates, FeedBadges } from '../components/feed-links.tsx';
import { type Freshness, FreshnessNote } from '../components/freshness-note.tsx';
import { type CardSocial, PaperCard } from '../components/paper-card.tsx';
import { SubscribeBox } from '../components/subscribe-box.tsx';
import { digestHour, formatDay } from '../format.ts';
import { Layout } from '../layout.tsx';

const FEED = { base: '/feeds/trending', title: 'paperboy trending papers' };

export interface TrendingPageProps {
  papers: Paper[];
  social: CardSocial;
  total: number;
  asOf: string | null;
  /** Start of the window listed (earlier than windowDays when those were thin). */
  since: string;
  freshness: Freshness;
  page: number;
  pageSize: number;
  windowDays: number;
  gravity: number;
  /** The hour (0–23, subscriber's zone) digests go out: DIGEST_SEND_HOUR. */
  sendHour: number;
}

export function TrendingPage(props: TrendingPageProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const reference = props.asOf ? Date.parse(props.asOf) : Date.parse(props.since);
  const reached = reference - Date.parse(props.since) > props.windowDays * 86_400_000 + 1000;
  return (
    <Layout
      title="Trending"
      description="Papers trending now"
      head={<FeedAlternates feed={FEED} />}
    >
      <div class="feed-head">
        <div>
          <h1>Trending</h1>
          <p class="subtitle">
            Score = (upvotes + ½ × discussion) ÷ (hours since featured + 2)
            <sup>{props.gravity}</sup>, over the last {props.windowDays} days
            {props.asOf ? ` · scored ${props.asOf.slice(0, 16).replace('T', ' ')} UTC` : ''}
          </p>
          {reached && (
            <p class="subtitle">
              The last {props.windowDays} days featured too few papers, so this list reaches back to{' '}
              {formatDay(props.since)}.
            </p>
          )}
        </div>
      </div>
      <FreshnessNote freshness={props.freshness} />
      {props.papers.length === 0 ? (
        <p class="empty">
          Nothing is trending: no paper was featured, upvoted or discussed in the last{' '}
          {props.windowDays} days. <a href="/submit">Submit one</a> or browse{' '}
          <a href="/">the latest day</a>.
        </p>
      ) : (
        <ol class="papers grid">
          {props.papers.map((paper, i) => (
            <PaperCard
              paper={paper}
              position={(props.page - 1) * props.pageSize + i + 1}
              social={props.social}
            />
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label="Pages">
          {props.page > 1 ? (
            <a href={`/trending?page=${props.page - 1}`}>← Page {props.page - 1}</a>
          ) : (
            <span />
          )}
          <span>
            Page {props.page} of {pages}
          </span>
          {props.page < pages ? (
            <a href={`/trending?page=${props.page + 1}`}>Page {props.page + 1} →</a>
          ) : (
            <span />
          )}
        </nav>
      )}
      <SubscribeBox
        kind="trending"
        heading="Get trending papers in your inbox"
        blurb={`The top of this list that you have not seen yet, every weekday or every Monday at ${digestHour(props.sendHour)} in your time zone.`}
      />
      <FeedBadges feed={FEED} />
    </Layout>
  );
}
