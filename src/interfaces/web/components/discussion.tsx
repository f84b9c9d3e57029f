/**
 * A paper's discussion: threads of comments with one level of replies, Markdown bodies (rendered
 * and sanitised by the MarkdownRenderer port before they reach here), and the forms to reply,
 * edit, delete, report and — for moderators — hide.
 */
import { raw } from 'hono/html';
import type { Comment, CommentThread } from '../../../core/community/model.ts';
import { formatDay } from '../format.ts';
import { useView, type Viewer } from '../view-context.ts';
import { PostForm } from './csrf-field.tsx';

export interface DiscussionProps {
  paperId: string;
  threads: CommentThread[];
  /** Markdown → safe HTML. */
  renderMarkdown: (markdown: string) => string;
  /** A draft kept through sign-in (interfaces/http/pending.ts), shown unposted in its form. */
  draft?: { body: string; parentId: string | null } | null;
}

export function Discussion({ paperId, threads, renderMarkdown, draft }: DiscussionProps) {
  const { viewer } = useView();
  const count = threads.reduce((n, t) => n + (t.comment.deletedAt ? 0 : 1) + t.replies.length, 0);
  return (
    <section class="discussion" id="discussion" aria-labelledby="discussion-title">
      <h2 id="discussion-title">
        Discussion <span class="muted">({count})</span>
      </h2>
      {!viewer?.banned && (
        <CommentForm
          paperId={paperId}
          label="Add to the discussion"
          draft={draft && !draft.parentId ? draft.body : undefined}
          signedOut={!viewer}
        />
      )}
      {threads.length === 0 ? (
        <p class="muted">No comments yet.</p>
      ) : (
        <ol class="threads">
          {threads.map((t) => (
            <li>
              <CommentView
                comment={t.comment}
                viewer={viewer}
                render={renderMarkdown}
                canReply
                draft={draft?.parentId === t.comment.id ? draft.body : undefined}
              />
              {t.replies.length > 0 && (
                <ol class="replies">
                  {t.replies.map((r) => (
                    <li>
                      <CommentView comment={r} viewer={viewer} render={renderMarkdown} canReply />
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CommentForm(props: {
  paperId: string;
  parentId?: string;
  label: string;
  draft?: string | undefined;
  signedOut?: boolean;
}) {
  const id = `body-${props.parentId ?? 'new'}`;
  return (
    <PostForm action="/comments" class="comment-form" next={`/papers/${props.paperId}#discussion`}>
      <input type="hidden" name="paper" value={props.paperId} />
      {props.parentId && <input type="hidden" name="parent" value={props.parentId} />}
      <label for={id}>{props.label}</label>
      <textarea id={id} name="body" rows={props.parentId ? 3 : 4} required maxlength={10000}>
        {props.draft ?? ''}
      </textarea>
      <p class="hint">
        Markdown: **bold**, _italic_, `code`, [links](https://…), lists, quotes; TeX: $O(n^2)$.
        {props.signedOut && ' You sign in by email first; your comment is kept until you post it.'}
      </p>
      <button type="submit" class="button primary">
        {props.signedOut ? 'Sign in to comment' : props.parentId ? 'Reply' : 'Comment'}
      </button>
    </PostForm>
  );
}

function CommentView(props: {
  comment: Comment;
  viewer: Viewer | null;
  render: (md: string) => string;
  canReply: boolean;
  /** A reply draft kept through sign-in: its form starts open. */
  draft?: string | undefined;
}) {
  const { comment: c, viewer } = props;
  const own = viewer?.id === c.author.id;
  const mod = viewer?.role === 'moderator' || viewer?.role === 'admin';
  const back = `/papers/${c.paperId}#c-${c.id}`;
  let body = <div class="md">{raw(props.render(c.body))}</div>;
  if (c.deletedAt) body = <p class="muted">[deleted]</p>;
  else if (c.hiddenAt && !mod) body = <p class="muted">[hidden by a moderator]</p>;
  return (
    <article class={`comment${c.hiddenAt ? ' hidden' : ''}`} id={`c-${c.id}`}>
      <header>
        <a href={`/users/${c.author.handle}`}>@{c.author.handle}</a>
        <span class="muted">
          {' · '}
          <time datetime={c.createdAt}>{formatDay(c.createdAt)}</time>
          {c.editedAt && ' · edited'}
          {c.hiddenAt && mod && ' · hidden'}
        </span>
      </header>
      {body}
      {viewer && !viewer.banned && !c.deletedAt && (
        <footer class="comment-actions">
          {props.canReply && !c.hiddenAt && (
            <details open={props.draft !== undefined}>
              <summary>Reply</summary>
              <CommentForm
                paperId={c.paperId}
                parentId={c.parentId ?? c.id}
                label={`Reply to @${c.author.handle}`}
                draft={props.draft}
              />
            </details>
          )}
          {own && !c.hiddenAt && (
            <details>
              <summary>Edit</summary>
              <PostForm action={`/comments/${c.id}/edit`} class="comment-form" next={back}>
                <textarea name="body" rows={4} required maxlength={10000} aria-label="Comment">
                  {c.body}
                </textarea>
                <button type="submit" class="button">
                  Save
                </button>
              </PostForm>
            </details>
          )}
          {(own || mod) && (
            <details>
              <summary>Delete</summary>
              <PostForm
                action={`/comments/${c.id}/delete`}
                class="inline confirm"
                next={`/papers/${c.paperId}?done=deleted#discussion`}
              >
                <span>Delete this comment for good?</span>{' '}
                <button type="submit" class="button danger">
                  Yes, delete
                </button>
              </PostForm>
            </details>
          )}
          {!own && (
            <details>
              <summary>Report</summary>
              <PostForm action={`/comments/${c.id}/report`} class="comment-form" next={back}>
                <input
                  name="reason"
                  maxlength={500}
                  placeholder="Why should a moderator look at this?"
                  aria-label="Reason"
                />
                <button type="submit" class="button">
                  Report
                </button>
              </PostForm>
            </details>
          )}
          {mod && (
            <PostForm
              action={`/admin/comments/${c.id}/${c.hiddenAt ? 'show' : 'hide'}`}
              class="inline"
              next={back}
            >
              <button type="submit" class="link">
                {c.hiddenAt ? 'Unhide' : 'Hide'}
              </button>
            </PostForm>
          )}
        </footer>
      )}
    </article>
  );
}
