/**
 * A reader's For you as a feed (RSS 2.0, Atom 1.0, JSON Feed 1.1), for feed readers that cannot
 * sign in: the URL carries the reader's id and a secret key (core/recs/feed-key.ts), shown only
 * on their For-you page; revoked from the account page (a new key). Never cached by shared caches.
 *   GET /feeds/for-you/<user>.<key>.<format>
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { createError } from '../../../core/errors.ts';
import { papersToFeed } from '../../../core/feeds/feed-model.ts';
import { renderFeed } from '../../../core/feeds/render-feed.ts';
import { isForYouFeedKey } from '../../../core/recs/feed-key.ts';
import { recommendForReader } from '../../../core/recs/recommend-for-reader.ts';
import { feedFile } from './feeds.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'community' | 'config' | 'recs' | 'secret'>;

const FEED_SIZE = 50;

export function forYouFeedRoutes(container: Uses): Hono {
  const app = new Hono();
  app.get('/feeds/for-you/:file', async (c) => {
    const { name, format } = feedFile(c.req.param('file'));
    const [userId = '', key = ''] = name.split('.');
    const secret = await container.secret();
    const user = userId ? await container.community.users.get(userId) : null;
    const generation = user ? await container.recs.library.feedKeyGeneration(user.id) : 0;
    if (!user || !isForYouFeedKey(secret, userId, key, generation)) {
      throw createError('not_found', 'this feed (the link is wrong or belongs to no reader)');
    }
    const result = await recommendForReader(container.recs.forYou, user.id, {
      days: 7,
      limit: FEED_SIZE,
    });
    const why = (item: (typeof result.items)[number]) =>
      [
        item.followedAuthors.length > 0 ? `You follow ${item.followedAuthors.join(', ')}.` : '',
        item.because.length > 0
          ? `Because you saved ${item.because.map((b) => `“${b.title}”`).join(' and ')}.`
          : '',
      ]
        .filter(Boolean)
        .join(' ');
    const doc = papersToFeed({
      baseUrl: container.config.baseUrl,
      title: `paperboy — For ${user.displayName}`,
      description: 'New papers of the last week ranked from your library (private feed).',
      homePath: '/for-you',
      feedPath: `/feeds/for-you/${name}`,
      entries: result.items.map((item) => ({
        paper: item.paper,
        date: item.paper.submittedAt ?? item.paper.provenance.fetchedAt,
        note: why(item),
      })),
      fallbackUpdated: result.window?.to ?? container.clock.now().toISOString(),
    });
    const { body, contentType } = renderFeed(doc, format);
    c.header('cache-control', 'private, no-store');
    c.header('x-robots-tag', 'noindex');
    return c.body(body, 200, { 'content-type': contentType });
  });
  return app;
}
