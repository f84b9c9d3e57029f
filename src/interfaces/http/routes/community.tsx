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
import { readFreshness } from '../freshness.ts';
import { showOn } from '../on-error.tsx';
import { pageParam } from '../params.ts';
import { dropPending, keepPending, signInPath } from '../pending.ts';
import { render, seeOther, wantsJsonReply } from '../render.tsx';
import { safeNext } from '../safe-next.ts';
import {
  CommentEditForm,
  CommentForm,
  NextForm,
  PaperForm,
  ReportForm,
  VoteForm,
} from '../schemas/forms.ts';
import { validate } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community' | 'config' | 'papers' | 'schedules' | 'sources'>;

const PAGE_SIZE = 50;
/** Refusals shown on the submit form itself (on-error.tsx gives them their status). */
const SUBMIT_ERRORS = new Set<ErrorCode>([
  'invalid_arxiv_id',
  'paper_not_found',
  'conflict',
  'forbidden',
  'source_unavailable',
  'rate_limited',
]);

export function communityRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = container.community;

  app.post('/vote', validate('form', VoteForm), async (c) => {
    const values = c.req.valid('form');
    const paperId = values.paper;
    const back = safeNext(values.next, `/papers/${paperId}`);
    if (!c.get('viewer') && !wantsJsonReply(c)) {
      await keepPending(c, container, { kind: 'vote', paperId, next: back });
      return seeOther(c, signInPath(back));
    }
    const outcome = await toggleVote(ctx, c.get('viewer'), paperId);
    if (wantsJsonReply(c)) return c.json(outcome);
    return seeOther(c, back);
  });

  app.post('/comments', validate('form', CommentForm), async (c) => {
    const values = c.req.valid('form');
    const paperId = values.paper;
    const body = values.body;
    const parentId = values.parent || null;
    if (!c.get('viewer')) {
      // Keep the draft through sign-in; it waits, unposted, on the paper's page.
      const next = `/papers/${paperId}#discussion`;
      await keepPending(c, container, { kind: 'comment', paperId, parentId, body, next });
      return seeOther(c, signInPath(next));
    }
    const id = await addComment(ctx, c.get('viewer'), { paperId, body, parentId });
    await dropPending(c, container);
    return seeOther(c, `/papers/${paperId}#c-${id}`);
  });

  app.post('/comments/:id/edit', validate('form', CommentEditForm), async (c) => {
    const { body } = c.req.valid('form');
    const comment = await editComment(ctx, c.get('viewer'), c.req.param('id'), body);
    return seeOther(c, `/papers/${comment.paperId}#c-${comment.id}`);
  });

  app.post('/comments/:id/delete', validate('form', NextForm), async (c) => {
    const values = c.req.valid('form');
    const comment = await deleteComment(ctx, c.get('viewer'), c.req.param('id'));
    return seeOther(c, safeNext(values.next, `/papers/${comment.paperId}#discussion`));
  });

  app.post('/comments/:id/report', validate('form', ReportForm), async (c) => {
    const values = c.req.valid('form');
    const comment = await reportComment(
      ctx,
      c.get('viewer'),
      c.req.param('id'),
      values.reason ?? '',
    );
    return seeOther(c, `/papers/${comment.paperId}?reported=1#c-${comment.id}`);
  });

  app.get('/submit', (c) => {
    if (!c.get('viewer')) {
      const paper = c.req.query('paper');
      const back = paper ? `/submit?paper=${encodeURIComponent(paper.slice(0, 300))}` : '/submit';
      return seeOther(c, `/signin?next=${encodeURIComponent(back)}`);
    }
    const paper = c.req.query('paper')?.slice(0, 300);
    return render(c, <SubmitPage rules={ctx.settings.submission} input={paper} />);
  });

  app.post('/submit', validate('form', PaperForm), async (c) => {
    const input = c.req.valid('form').paper;
    try {
      const { paper } = await submitPaper(ctx, c.get('viewer'), input);
      return seeOther(c, `/papers/${paper.id}?submitted=1`);
    } catch (error) {
      const viewer = c.get('viewer');
      if (!viewer || viewer.bannedAt || !isAppError(error) || !SUBMIT_ERRORS.has(error.code)) {
        throw error;
      }
      showOn(error, (message) => (
        <SubmitPage rules={ctx.settings.submission} input={input} error={message} />
      ));
    }
  });

  app.get('/trending', async (c) => {
    const page = pageParam(c.req.query('page'));
    const list = await getTrending(ctx, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const [social, freshness] = await Promise.all([
      withSocial(ctx, list.papers, c.get('viewer')),
      readFreshness(container),
    ]);
    return render(
      c,
      <TrendingPage
        papers={social.papers}
        social={social}
        total={list.total}
        asOf={list.asOf}
        since={list.since}
        freshness={freshness}
        page={page}
        pageSize={PAGE_SIZE}
        windowDays={ctx.settings.trending.windowDays}
        gravity={ctx.settings.trending.gravity}
        sendHour={container.config.digestSendHour}
      />,
    );
  });
  return app;
}
