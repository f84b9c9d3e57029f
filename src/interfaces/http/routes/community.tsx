/**
 * Taking part: votes, comments, submissions, and the trending page.
 *   POST /vote                   toggle the viewer's upvote (form field paper); JSON when asked
 *   POST /comments               comment or reply (paper, body, parent?)
 *   POST /comments/:id/edit      edit one's own comment
 *   POST /comments/:id/delete    delete one's own comment (moderators: anyone's)
 *   POST /comments/:id/report    report a comment to moderators
 *   GET  /submit                 submission form
 *   POST /submit                 submit an arXiv id or URL to today's feed
 *   GET  /trending               trending papers (docs/DESIGN.md, Trending)
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Container } from '../../../container.ts';
import {
  addComment,
  deleteComment,
  editComment,
  reportComment,
} from '../../../core/community/comments.ts';
import { withSocial } from '../../../core/community/social.ts';
import { submitPaper } from '../../../core/community/submissions.ts';
import { getTrending } from '../../../core/community/trending.ts';
import { toggleVote } from '../../../core/community/votes.ts';
import { type ErrorCode, isAppError } from '../../../core/errors.ts';
import { SubmitPage } from '../../web/pages/submit-page.tsx';
import { TrendingPage } from '../../web/pages/trending-page.tsx';
import { pageParam } from '../params.ts';
import { field, form, render, safeNext, seeOther, wantsJsonReply } from '../render.tsx';
import type { AppEnv } from '../session.ts';

const PAGE_SIZE = 50;
/** Refusals shown on the submit form itself (with the status on-error.tsx would give them). */
const SUBMIT_ERRORS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  invalid_arxiv_id: 400,
  paper_not_found: 404,
  conflict: 409,
  forbidden: 403,
  source_unavailable: 502,
};

export function communityRoutes(container: Container): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = container.community;

  app.post('/vote', async (c) => {
    const values = await form(c);
    const paperId = field(values, 'paper');
    const back = safeNext(values.next, `/papers/${paperId}`);
    if (!c.get('viewer') && !wantsJsonReply(c)) {
      return seeOther(c, `/signin?next=${encodeURIComponent(back)}`);
    }
    const outcome = await toggleVote(ctx, c.get('viewer'), paperId);
    if (wantsJsonReply(c)) return c.json(outcome);
    return seeOther(c, back);
  });

  app.post('/comments', async (c) => {
    const values = await form(c);
    const paperId = field(values, 'paper');
    const id = await addComment(ctx, c.get('viewer'), {
      paperId,
      body: field(values, 'body'),
      parentId: values.parent || null,
    });
    return seeOther(c, `/papers/${paperId}#c-${id}`);
  });

  app.post('/comments/:id/edit', async (c) => {
    const values = await form(c);
    const comment = await editComment(
      ctx,
      c.get('viewer'),
      c.req.param('id'),
      field(values, 'body'),
    );
    return seeOther(c, `/papers/${comment.paperId}#c-${comment.id}`);
  });

  app.post('/comments/:id/delete', async (c) => {
    const values = await form(c);
    const comment = await deleteComment(ctx, c.get('viewer'), c.req.param('id'));
    return seeOther(c, safeNext(values.next, `/papers/${comment.paperId}#discussion`));
  });

  app.post('/comments/:id/report', async (c) => {
    const values = await form(c);
    const comment = await reportComment(
      ctx,
      c.get('viewer'),
      c.req.param('id'),
      values.reason ?? '',
    );
    return seeOther(c, `/papers/${comment.paperId}?reported=1#c-${comment.id}`);
  });

  app.get('/submit', (c) => {
    if (!c.get('viewer')) return seeOther(c, '/signin?next=/submit');
    return render(c, <SubmitPage rules={ctx.settings.submission} />);
  });

  app.post('/submit', async (c) => {
    const values = await form(c);
    const input = field(values, 'paper');
    try {
      const { paper } = await submitPaper(ctx, c.get('viewer'), input);
      return seeOther(c, `/papers/${paper.id}?submitted=1`);
    } catch (error) {
      const viewer = c.get('viewer');
      const status = isAppError(error) ? SUBMIT_ERRORS[error.code] : undefined;
      if (!viewer || viewer.bannedAt || !isAppError(error) || !status) throw error;
      const page = (
        <SubmitPage rules={ctx.settings.submission} input={input} error={error.message} />
      );
      return render(c, page, status);
    }
  });

  app.get('/trending', async (c) => {
    const page = pageParam(c.req.query('page'));
    const list = await getTrending(ctx, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const social = await withSocial(ctx, list.papers, c.get('viewer'));
    return render(
      c,
      <TrendingPage
        papers={social.papers}
        voted={social.voted}
        submitters={social.submitters}
        total={list.total}
        asOf={list.asOf}
        page={page}
        pageSize={PAGE_SIZE}
        windowDays={ctx.settings.trending.windowDays}
        gravity={ctx.settings.trending.gravity}
      />,
    );
  });
  return app;
}
