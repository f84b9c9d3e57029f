/**
 * Pages about people: a user's profile (submissions, upvotes, comments, public collections) and
 * an author's papers (with feeds).
 */

import { raw } from 'hono/html';
import type { AuthorPapers, Profile } from '../../../core/community/profiles.ts';
import type { AuthorPerson } from '../../../core/recs/author-clusters.ts';
import { FeedAlternates, FeedBadges } from '../components/feed-links.tsx';
import { FollowAuthorButtons } from '../components/follow-button.tsx';
import { type CardSocial, PaperCard } from '../components/paper-card.tsx';
import { RichText } from '../components/rich-text.tsx';
import { formatDay, paperPath } from '../format.ts';
import { Layout } from '../layout.tsx';

export function ProfilePage(props: {
  profile: Profile;
  social: CardSocial;
  /** Markdown → safe HTML, for comment snippets. */
  renderMarkdown: (markdown: string) => string;
}) {
  const { profile, social } = props;
  const { user } = profile;
  return (
    <Layout title={`${user.displayName} (@${user.handle})`}>
      <h1>{user.displayName}</h1>
      <p class="subtitle">
        @{user.handle}
        {user.role !== 'reader' && (
          <>
            {' '}
            · <span class="chip">{user.role}</span>
          </>
        )}
        {user.bannedAt && (
          <>
            {' '}
            · <span class="chip">banned</span>
          </>
        )}{' '}
        · joined {formatDay(user.createdAt)}
      </p>
      <h2>Submissions</h2>
      {profile.submissions.length === 0 ? (
        <p class="muted">No submissions yet.</p>
      ) : (
        <ol class="papers">
          {profile.submissions.map((s) => (
            <PaperCard paper={s.paper} social={social} />
          ))}
        </ol>
      )}
      <h2>Upvoted</h2>
      {profile.upvoted.length === 0 ? (
        <p class="muted">No upvotes yet.</p>
      ) : (
        <ul class="plain-list">
          {profile.upvoted.map((p) => (
            <li>
              <a href={paperPath(p.id)}>
                <RichText text={p.title} />
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2>Comments</h2>
      {profile.comments.length === 0 ? (
        <p class="muted">No comments yet.</p>
      ) : (
        <ul class="plain-list">
          {profile.comments.map(({ comment, paperTitle }) => (
            <li>
              <a href={`${paperPath(comment.paperId)}#c-${comment.id}`}>on “{paperTitle}”</a>{' '}
              <span class="muted">{formatDay(comment.createdAt)}</span>
              <div class="quote md clamp">{raw(props.renderMarkdown(comment.body))}</div>
            </li>
          ))}
        </ul>
      )}
      <h2>Collections</h2>
      {profile.collections.length === 0 ? (
        <p class="muted">No public collections.</p>
      ) : (
        <ul class="plain-list">
          {profile.collections.map((c) => (
            <li>
              <a href={`/collections/${c.id}`}>{c.name}</a>
              {!c.isPublic && <span class="chip">private</span>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function AuthorPage(props: {
  author: AuthorPapers;
  /** The people behind the name (one follow button each when several). */
  people: AuthorPerson[];
  social: CardSocial;
  page: number;
  pageSize: number;
}) {
  const { author } = props;
  const query = `?name=${encodeURIComponent(author.name)}`;
  const feed = { base: '/feeds/author', query, title: `Papers by ${author.name} (paperboy)` };
  const pages = Math.max(1, Math.ceil(author.total / props.pageSize));
  const path = `/authors/${encodeURIComponent(author.name)}`;
  return (
    <Layout
      title={author.name}
      description={`Papers by ${author.name}`}
      head={<FeedAlternates feed={feed} />}
    >
      <h1>{author.name}</h1>
      <p class="subtitle">
        {author.total} paper{author.total === 1 ? '' : 's'} here · names are matched as written, not
        disambiguated
      </p>
      <FollowAuthorButtons name={author.name} people={props.people} />
      {author.papers.length === 0 ? (
        <p class="empty">No papers by this name here.</p>
      ) : (
        <ol class="papers">
          {author.papers.map((p) => (
            <PaperCard paper={p} social={props.social} />
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label="Pages">
          {props.page > 1 ? (
            <a href={`${path}?page=${props.page - 1}`}>← Page {props.page - 1}</a>
          ) : (
            <span />
          )}
          <span>
            Page {props.page} of {pages}
          </span>
          {props.page < pages ? (
            <a href={`${path}?page=${props.page + 1}`}>Page {props.page + 1} →</a>
          ) : (
            <span />
          )}
        </nav>
      )}
      <FeedBadges feed={feed} />
    </Layout>
  );
}
