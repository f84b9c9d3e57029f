/**
 * Web pages of the daily feed and of single papers.
 *   GET /                          latest featured day
 *   GET /papers/date/:day          one day      (YYYY-MM-DD)
 *   GET /papers/week/:week         one ISO week (YYYY-Www)
 *   GET /papers/month/:month       one month    (YYYY-MM)
 *   GET /papers/:id                a paper (new-style id; versions redirect to the canonical page)
 *   GET /papers/:archive/:number   a paper with an old-style id (hep-th/9901001)
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { listCollections } from '../../../core/community/collections.ts';
import { listThreads } from '../../../core/community/comments.ts';
import { withSocial } from '../../../core/community/social.ts';
import { createError } from '../../../core/errors.ts';
import { getFeed } from '../../../core/feed-periods/get-feed.ts';
import {
  dayPeriod,
  monthPeriod,
  type Period,
  weekPeriod,
} from '../../../core/feed-periods/period.ts';
import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import { similarPapers } from '../../../core/search/similar-papers.ts';
import { Discussion } from '../../web/components/discussion.tsx';
import { PaperTools } from '../../web/components/paper-tools.tsx';
import { FeedPage } from '../../web/pages/feed-page.tsx';
import { PaperPage } from '../../web/pages/paper-page.tsx';
import { readFreshness } from '../freshness.ts';
import { pageParam } from '../params.ts';
import { draftFor } from '../pending.ts';
import { type AppContext, render } from '../render.tsx';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<
  Container,
  'clock' | 'community' | 'config' | 'log' | 'papers' | 'schedules' | 'search' | 'sources'
>;

const PAGE_SIZE = 50;

export function pageRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { papers, community } = container;

  const renderFeed = async (c: AppContext, period: Period) => {
    const page = pageParam(c.req.query('page'));
    const feed = await getFeed(papers, period, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const [social, freshness] = await Promise.all([
      withSocial(
        community,
        feed.items.map((i) => i.paper),
        c.get('viewer'),
      ),
      readFreshness(container),
    ]);
    const items = feed.items.map((item, i) => ({ ...item, paper: social.papers[i] ?? item.paper }));
    return render(
      c,
      <FeedPage
        feed={{ ...feed, items }}
        page={page}
        pageSize={PAGE_SIZE}
        social={social}
        freshness={freshness}
        sendHour={container.config.digestSendHour}
      />,
    );
  };

  app.get('/', async (c) => {
    const latest = await papers.latestFeaturedDay();
    const today = container.clock.now().toISOString().slice(0, 10);
    return renderFeed(c, dayPeriod(latest ?? today));
  });
  app.get('/papers/date/:day', (c) => renderFeed(c, dayPeriod(c.req.param('day'))));
  app.get('/papers/week/:week', (c) => renderFeed(c, weekPeriod(c.req.param('week'))));
  app.get('/papers/month/:month', (c) => renderFeed(c, monthPeriod(c.req.param('month'))));

  const renderPaper = async (c: AppContext, raw: string) => {
    const parsed = parseArxivId(raw);
    // A page path that is not an id is a page that does not exist, not bad input.
    if (!parsed) throw createError('not_found', `/papers/${raw} (not an arXiv id)`);
    if (parsed.id !== raw) return c.redirect(`/papers/${parsed.id}`, 301);
    const stored = await papers.get(parsed.id);
    if (!stored) throw createError('paper_not_found', parsed.id);
    const viewer = c.get('viewer');
    const [social, threads, collections, similar, draft] = await Promise.all([
      withSocial(community, [stored], viewer),
      listThreads(community, stored.id),
      viewer ? listCollections(community, viewer, viewer.id) : Promise.resolve([]),
      similarPapers(container.search, stored.id, { limit: 5 }).then(
        (r) => r.hits,
        (error: unknown) => {
          container.log.warn('similar papers failed', { paper_id: stored.id, error });
          return [];
        },
      ),
      viewer ? draftFor(c, container, stored.id) : Promise.resolve(null),
    ]);
    const paper = social.papers[0] ?? stored;
    const markdown = (md: string) => community.markdown.render(md);
    return render(
      c,
      <PaperPage
        paper={paper}
        voted={social.voted.has(paper.id)}
        submitter={social.submitters.get(paper.id)}
        here={social.localComments.get(paper.id) ?? 0}
        similar={similar}
      >
        <PaperTools paper={paper} collections={collections} />
        <Discussion paperId={paper.id} threads={threads} renderMarkdown={markdown} draft={draft} />
      </PaperPage>,
    );
  };
  app.get('/papers/:id', (c) => renderPaper(c, c.req.param('id')));
  app.get('/papers/:archive/:number', (c) =>
    renderPaper(c, `${c.req.param('archive')}/${c.req.param('number')}`),
  );
  return app;
}
