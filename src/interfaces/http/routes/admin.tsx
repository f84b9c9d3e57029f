/**
 * Moderation (moderators and admins).
 *   GET  /admin                              reported comments, user search, audit log
 *   POST /admin/comments/:id/hide|show       hide or unhide a comment
 *   POST /admin/comments/:id/dismiss         dismiss its reports
 *   POST /admin/users/:id/ban|unban          ban (reason) or lift a ban
 *   POST /admin/users/:id/role               set a role (admins)
 *   POST /admin/papers/feature|unfeature     feature a paper today / remove it from the feed
 * Deleting a comment is POST /comments/:id/delete, which moderators may use on any comment.
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { setCommentHidden } from '../../../core/community/comments.ts';
import {
  dismissReports,
  moderationOverview,
  setBanned,
  setRole,
} from '../../../core/community/moderation.ts';
import { assertModerator } from '../../../core/community/permissions.ts';
import { featurePaper, unfeaturePaper } from '../../../core/community/submissions.ts';
import { AdminPage } from '../../web/pages/admin-page.tsx';
import { render, seeOther } from '../render.tsx';
import { safeNext } from '../safe-next.ts';
import { BanForm, NextForm, PaperForm, RoleForm } from '../schemas/forms.ts';
import { validate } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community'>;

export function adminRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = container.community;

  app.get('/admin', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return seeOther(c, '/signin?next=/admin');
    assertModerator(viewer);
    const q = c.req.query('q') ?? '';
    const overview = await moderationOverview(ctx, viewer, q);
    const markdown = (md: string) => ctx.markdown.render(md);
    return render(c, <AdminPage overview={overview} query={q} renderMarkdown={markdown} />);
  });

  for (const action of ['hide', 'show'] as const) {
    app.post(`/admin/comments/:id/${action}`, validate('form', NextForm), async (c) => {
      const values = c.req.valid('form');
      await setCommentHidden(ctx, c.get('viewer'), c.req.param('id'), action === 'hide');
      return seeOther(c, safeNext(values.next, '/admin'));
    });
  }

  app.post('/admin/comments/:id/dismiss', async (c) => {
    await dismissReports(ctx, c.get('viewer'), c.req.param('id'));
    return seeOther(c, '/admin');
  });

  for (const action of ['ban', 'unban'] as const) {
    app.post(`/admin/users/:id/${action}`, validate('form', BanForm), async (c) => {
      const values = c.req.valid('form');
      await setBanned(
        ctx,
        c.get('viewer'),
        c.req.param('id'),
        action === 'ban',
        values.reason ?? '',
      );
      return seeOther(c, safeNext(values.next, '/admin'));
    });
  }

  app.post('/admin/users/:id/role', validate('form', RoleForm), async (c) => {
    const values = c.req.valid('form');
    await setRole(ctx, c.get('viewer'), c.req.param('id'), values.role);
    return seeOther(c, safeNext(values.next, '/admin'));
  });

  app.post('/admin/papers/feature', validate('form', PaperForm), async (c) => {
    const { paper } = await featurePaper(ctx, c.get('viewer'), c.req.valid('form').paper);
    return seeOther(c, `/papers/${paper.id}`);
  });

  app.post('/admin/papers/unfeature', validate('form', PaperForm), async (c) => {
    const paperId = c.req.valid('form').paper;
    await unfeaturePaper(ctx, c.get('viewer'), paperId);
    return seeOther(c, `/papers/${paperId}`);
  });
  return app;
}
