/**
 * "Follow in For you" for an author or a topic (a search), for signed-in readers: their new
 * papers come first in For you and its feed and digest. Unfollow is on the account page.
 */
import { useView } from '../view-context.ts';
import { PostForm } from './csrf-field.tsx';

export function FollowButton({ kind, label }: { kind: 'author' | 'topic'; label: string }) {
  if (!useView().viewer) return null;
  return (
    <PostForm action="/account/follow" class="inline follow-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="label" value={label} />
      <button type="submit" class="button">
        Follow in For you
      </button>
    </PostForm>
  );
}
