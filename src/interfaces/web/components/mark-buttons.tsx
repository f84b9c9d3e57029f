/**
 * "More like this" and "Not interested" on a paper card, for signed-in readers: POST forms that
 * change their For you at once (undone on the account page).
 */
import { useView } from '../view-context.ts';
import { PostForm } from './csrf-field.tsx';

export function MarkButtons({ paperId }: { paperId: string }) {
  if (!useView().viewer) return null;
  return (
    <li class="marks">
      <PostForm action="/for-you/mark" class="inline mark-form" data-paper-id={paperId}>
        <input type="hidden" name="paper" value={paperId} />
        <button
          type="submit"
          name="mark"
          value="more"
          class="link"
          title="Rank papers like this higher in For you"
        >
          More like this
        </button>
        <button
          type="submit"
          name="mark"
          value="not-interested"
          class="link"
          title="Hide this paper and rank papers like it lower in For you"
        >
          Not interested
        </button>
      </PostForm>
    </li>
  );
}
