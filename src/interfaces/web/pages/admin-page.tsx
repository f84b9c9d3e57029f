/**
 * The moderation page: reported comments (hide, delete, dismiss), user search (ban, roles),
 * featuring by id, and the audit log of every moderator action.
 */
import { raw } from 'hono/html';
import { ROLES } from '../../../core/community/model.ts';
import type { ModerationOverview } from '../../../core/community/moderation.ts';
import { PostForm } from '../components/csrf-field.tsx';
import { formatDay, paperPath } from '../format.ts';
import { Layout } from '../layout.tsx';
import { useView } from '../view-context.ts';

export interface AdminPageProps {
  overview: ModerationOverview;
  query: string;
  renderMarkdown: (md: string) => string;
}

export function AdminPage({ overview, query, renderMarkdown }: AdminPageProps) {
  const { viewer } = useView();
  const admin = viewer?.role === 'admin';
  return (
    <Layout title="Moderation">
      <h1>Moderation</h1>
      <h2>Reported comments ({overview.reports.length})</h2>
      {overview.reports.length === 0 ? (
        <p class="muted">Nothing reported. </p>
      ) : (
        <ol class="threads">
          {overview.reports.map(({ comment, reports }) => (
            <li class="comment report">
              <header>
                <a href={`/users/${comment.author.handle}`}>@{comment.author.handle}</a> on{' '}
                <a href={`${paperPath(comment.paperId)}#c-${comment.id}`}>{comment.paperId}</a>
                <span class="muted">
                  {' · '}
                  {formatDay(comment.createdAt)}
                  {comment.hiddenAt && ' · hidden'}
                </span>
              </header>
              <div class="md">{raw(renderMarkdown(comment.body))}</div>
              <ul class="reasons">
                {reports.map((r) => (
                  <li>
                    @{r.reporter.handle}: {r.reason}
                  </li>
                ))}
              </ul>
              <div class="mod-tools">
                {!comment.hiddenAt && (
                  <PostForm
                    action={`/admin/comments/${comment.id}/hide`}
                    class="inline"
                    next="/admin"
                  >
                    <button type="submit" class="button">
                      Hide
                    </button>
                  </PostForm>
                )}
                <PostForm action={`/comments/${comment.id}/delete`} class="inline" next="/admin">
                  <button type="submit" class="button">
                    Delete
                  </button>
                </PostForm>
                <PostForm
                  action={`/admin/comments/${comment.id}/dismiss`}
                  class="inline"
                  next="/admin"
                >
                  <button type="submit" class="button">
                    Dismiss
                  </button>
                </PostForm>
                <PostForm
                  action={`/admin/users/${comment.author.id}/ban`}
                  class="inline"
                  next="/admin"
                >
                  <input type="hidden" name="reason" value={`comment ${comment.id}`} />
                  <button type="submit" class="button">
                    Ban @{comment.author.handle}
                  </button>
                </PostForm>
              </div>
            </li>
          ))}
        </ol>
      )}
      <h2>Users</h2>
      <form method="get" action="/admin" class="row-form">
        <input name="q" value={query} placeholder="email or handle" aria-label="Find users" />
        <button type="submit" class="button">
          Find
        </button>
      </form>
      {overview.users.length > 0 && (
        <table class="admin-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th>Status</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {overview.users.map((u) => (
              <tr>
                <td>
                  <a href={`/users/${u.handle}`}>@{u.handle}</a>
                  <br />
                  <span class="muted">{u.email}</span>
                </td>
                <td>{u.role}</td>
                <td>{u.bannedAt ? `banned ${formatDay(u.bannedAt)}` : 'active'}</td>
                <td>
                  <PostForm
                    action={`/admin/users/${u.id}/${u.bannedAt ? 'unban' : 'ban'}`}
                    class="inline"
                  >
                    {!u.bannedAt && (
                      <input name="reason" placeholder="reason" aria-label="Reason" />
                    )}
                    <button type="submit" class="button">
                      {u.bannedAt ? 'Unban' : 'Ban'}
                    </button>
                  </PostForm>
                  {admin && (
                    <PostForm action={`/admin/users/${u.id}/role`} class="inline">
                      <select name="role" aria-label="Role">
                        {ROLES.map((r) => (
                          <option value={r} selected={r === u.role}>
                            {r}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="button">
                        Set role
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Feature a paper today</h2>
      <PostForm action="/admin/papers/feature" class="row-form">
        <input name="paper" required placeholder="arXiv id or URL" aria-label="arXiv id or URL" />
        <button type="submit" class="button">
          Feature
        </button>
      </PostForm>
      <h2>Audit log</h2>
      {overview.audit.length === 0 ? (
        <p class="muted">No moderator actions yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
            </tr>
          </thead>
          <tbody>
            {overview.audit.map((e) => (
              <tr>
                <td>
                  <time datetime={e.createdAt}>{e.createdAt.slice(0, 16).replace('T', ' ')}</time>
                </td>
                <td>{e.actor ? `@${e.actor.handle}` : '—'}</td>
                <td>{e.action}</td>
                <td>
                  {e.targetType} {e.targetId}
                  {e.detail && <span class="muted"> · {e.detail}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
