/**
 * "Follow in For you" for an author or a topic (a search), for signed-in readers: their new
 * papers come first in For you and its feed and digest. Unfollow is on the account page. When
 * several people share an author's name, there is one button per person (`person`: a paper id of
 * theirs), labelled with their most frequent co-authors.
 */
import type { AuthorPerson } from '../../../core/recs/author-clusters.ts';
import { useView } from '../view-context.ts';
import { PostForm } from './csrf-field.tsx';

export function FollowButton({
  kind,
  label,
  person,
  text = 'Follow in For you',
}: {
  kind: 'author' | 'topic';
  label: string;
  person?: string;
  text?: string;
}) {
  if (!useView().viewer) return null;
  return (
    <PostForm action="/account/follow" class="inline follow-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="label" value={label} />
      {person && <input type="hidden" name="person" value={person} />}
      <button type="submit" class="button">
        {text}
      </button>
    </PostForm>
  );
}

/** The author page's follow: one button, or one per person when the name is shared. */
export function FollowAuthorButtons({ name, people }: { name: string; people: AuthorPerson[] }) {
  if (people.length <= 1) return <FollowButton kind="author" label={name} />;
  return (
    <div class="follow-people">
      <p class="muted">
        {people.length} people named {name} here, told apart by their co-authors:
      </p>
      <ul class="plain-list">
        {people.map((p) => (
          <li data-person={p.key}>
            <FollowButton
              kind="author"
              label={name}
              person={p.key}
              text={`Follow ${name} with ${p.coauthors.slice(0, 3).join(', ')}`}
            />{' '}
            <span class="muted">
              {p.paperIds.length} paper{p.paperIds.length === 1 ? '' : 's'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
