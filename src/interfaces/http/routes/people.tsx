/**
 * People.
 *   GET /users/:handle     a user's public profile
 *   GET /authors/:name     papers by an author (name URL-encoded), with feeds
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { getAuthorPapers, getProfile } from '../../../core/community/profiles.ts';
import { withSocial } from '../../../core/community/social.ts';
import { authorPeople } from '../../../core/recs/author-clusters.ts';
import { AuthorPage, ProfilePage } from '../../web/pages/people-pages.tsx';
import { pageParam } from '../params.ts';
import { render } from '../render.tsx';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community'>;

const PAGE_SIZE = 50;

export function peopleRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = container.community;

  app.get('/users/:handle', async (c) => {
    const profile = await getProfile(ctx, c.get('viewer'), c.req.param('handle'));
    const social = await withSocial(
      ctx,
      profile.submissions.map((s) => s.paper),
      c.get('viewer'),
    );
    const submissions = profile.submissions.map((s, i) => ({
      ...s,
      paper: social.papers[i] ?? s.paper,
    }));
    return render(
      c,
      <ProfilePage
        profile={{ ...profile, submissions }}
        social={social}
        renderMarkdown={(md) => ctx.markdown.render(md)}
      />,
    );
  });

  app.get('/authors/:name', async (c) => {
    const page = pageParam(c.req.query('page'));
    const author = await getAuthorPapers(ctx, c.req.param('name'), {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const viewer = c.get('viewer');
    const [social, { people }] = await Promise.all([
      withSocial(ctx, author.papers, viewer),
      // Only a signed-in reader can follow: nobody else needs the people told apart.
      viewer ? authorPeople(ctx, author.name) : { people: [] },
    ]);
    return render(
      c,
      <AuthorPage
        author={{ ...author, papers: social.papers }}
        people={people}
        social={social}
        page={page}
        pageSize={PAGE_SIZE}
      />,
    );
  });
  return app;
}
