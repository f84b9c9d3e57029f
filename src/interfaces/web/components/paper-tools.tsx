/**
 * Under a paper: save it to one of your collections (with a note) — or, with none to choose
 * from, to your reading list; visitors may press Save too and finish after signing in — and the
 * moderators' feature / unfeature buttons.
 */
import type { Collection } from '../../../core/community/model.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { useView } from '../view-context.ts';
import { PostForm } from './csrf-field.tsx';

export function PaperTools({ paper, collections }: { paper: Paper; collections: Collection[] }) {
  const { viewer } = useView();
  if (viewer?.banned) return null;
  const mod = viewer?.role === 'moderator' || viewer?.role === 'admin';
  const featured = paper.community.featuredDays.length > 0;
  return (
    <section class="paper-tools" aria-label="Save and tools">
      <PostForm action="/collections/add" class="row-form">
        <input type="hidden" name="paper" value={paper.id} />
        {viewer && collections.length > 0 && (
          <>
            <label for="collection">Save to</label>
            <select id="collection" name="collection">
              {collections.map((c) => (
                <option value={c.id}>
                  {c.name}
                  {c.isPublic ? '' : ' (private)'}
                </option>
              ))}
            </select>
          </>
        )}
        <input name="note" placeholder="Note (optional)" maxlength={2000} aria-label="Note" />
        <button type="submit" class="button">
          {viewer && collections.length > 0 ? 'Save' : 'Save to reading list'}
        </button>
        {!viewer && <span class="hint">You sign in by email first; the save is kept.</span>}
      </PostForm>
      {mod && (
        <div class="mod-tools">
          <PostForm action="/admin/papers/feature" class="inline">
            <input type="hidden" name="paper" value={paper.id} />
            <button type="submit" class="button">
              Feature today
            </button>
          </PostForm>
          {featured && (
            <PostForm action="/admin/papers/unfeature" class="inline">
              <input type="hidden" name="paper" value={paper.id} />
              <button type="submit" class="button">
                Unfeature
              </button>
            </PostForm>
          )}
        </div>
      )}
    </section>
  );
}
