/**
 * The account page's For-you section: import a library (BibTeX, RIS, CSL-JSON or ids), the
 * "more like this" / "not interested" marks with undo, follows, and the reader's data out or gone.
 */
import type { Feedback, Follow } from '../../../core/recs/model.ts';
import { paperPath } from '../format.ts';
import { PostForm } from './csrf-field.tsx';

export interface ForYouAccount {
  libraryCount: number;
  marks: (Feedback & { title: string })[];
  follows: Follow[];
}

/** The import form (also on the import report page). */
export function LibraryImportForm() {
  return (
    <PostForm action="/account/library" class="stack" enctype="multipart/form-data">
      <label for="library-file">A Zotero (or any) export: BibTeX, RIS or CSL-JSON</label>
      <input id="library-file" type="file" name="file" accept=".bib,.bibtex,.ris,.json,.txt" />
      <label for="library-text">…or paste it, or arXiv ids</label>
      <textarea id="library-text" name="text" rows={3} />
      <button type="submit" class="button primary">
        Import
      </button>
    </PostForm>
  );
}

export function ForYouAccountSection({ data }: { data: ForYouAccount }) {
  const more = data.marks.filter((m) => m.signal === 1);
  const hidden = data.marks.filter((m) => m.signal === -1);
  const markList = (marks: typeof data.marks, what: string) =>
    marks.length === 0 ? (
      <p class="muted">None yet.</p>
    ) : (
      <ul class={`marks-list ${what}`}>
        {marks.map((m) => (
          <li data-paper-id={m.paperId}>
            <a href={paperPath(m.paperId)}>{m.title}</a>{' '}
            <PostForm action="/for-you/unmark" class="inline mark-form" next="/account#for-you">
              <input type="hidden" name="paper" value={m.paperId} />
              <button type="submit">Undo</button>
            </PostForm>
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <h2 id="for-you">For you</h2>
      <p class="muted">
        Private to you. <a href="/for-you">For you</a> learns from your library: {data.libraryCount}{' '}
        paper{data.libraryCount === 1 ? '' : 's'} (imports, upvotes, saved papers and "More like
        this").
      </p>
      <h3 id="library">Import your library</h3>
      <LibraryImportForm />
      <h3>Not interested</h3>
      {markList(hidden, 'hidden')}
      <h3>More like this</h3>
      {markList(more, 'more')}
      <h3>Following</h3>
      {data.follows.length === 0 ? (
        <p class="muted">No authors or topics yet.</p>
      ) : (
        <ul>
          {data.follows.map((f) => (
            <li>
              {f.kind}: {f.label}
              {f.coauthors && f.coauthors.length > 0 && (
                <span class="muted"> (with {f.coauthors.slice(0, 3).join(', ')})</span>
              )}{' '}
              <PostForm action="/account/unfollow" class="inline mark-form" next="/account#for-you">
                <input type="hidden" name="kind" value={f.kind} />
                <input type="hidden" name="value" value={f.value} />
                <button type="submit">Unfollow</button>
              </PostForm>
            </li>
          ))}
        </ul>
      )}
      <PostForm action="/account/follow" class="stack" next="/account#for-you">
        <label for="follow-author">Follow an author</label>
        <input id="follow-author" name="label" maxlength={200} placeholder="Ada Lovelace" />
        <input type="hidden" name="kind" value="author" />
        <button type="submit" class="button">
          Follow
        </button>
      </PostForm>
      <h3 id="for-you-feed">Your private feed link</h3>
      <p class="muted">
        The RSS, Atom and JSON feed links on <a href="/for-you">For you</a> work without signing in.
        If one got out, make a new one: the old link stops working at once.
      </p>
      <PostForm action="/account/for-you-feed/revoke" class="inline">
        <button type="submit" class="button">
          Revoke my feed link
        </button>
      </PostForm>
      <p>
        <a href="/account/for-you-data" download="paperboy-for-you.json">
          Export my library, marks and follows (JSON)
        </a>
      </p>
      <PostForm action="/account/for-you-data/delete" class="inline">
        <button type="submit" class="button">
          Delete my imports, marks, follows and picks
        </button>
      </PostForm>
    </>
  );
}
