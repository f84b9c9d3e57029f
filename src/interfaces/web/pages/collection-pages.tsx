/**
 * Collections: the owner's list with a "new collection" form, and one collection's page (public
 * ones have feeds; owners edit, annotate and remove papers there).
 */

import { raw } from 'hono/html';
import type { CollectionView } from '../../../core/community/collections.ts';
import type { Collection } from '../../../core/community/model.ts';
import { CiteLinks } from '../components/cite-links.tsx';
import { PostForm } from '../components/csrf-field.tsx';
import { FeedAlternates, FeedBadges } from '../components/feed-links.tsx';
import { type CardSocial, PaperCard } from '../components/paper-card.tsx';
import { formatDay } from '../format.ts';
import { Layout } from '../layout.tsx';
import { useView } from '../view-context.ts';

export function CollectionsPage({ collections }: { collections: Collection[] }) {
  return (
    <Layout title="Your collections">
      <h1>Your collections</h1>
      {collections.length === 0 ? (
        <p class="empty">No collections yet. Make one below, then save papers from their pages.</p>
      ) : (
        <ul class="plain-list">
          {collections.map((c) => (
            <li>
              <a href={`/collections/${c.id}`}>{c.name}</a>{' '}
              <span class="chip">{c.isPublic ? 'public' : 'private'}</span>{' '}
              <span class="muted">updated {formatDay(c.updatedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>New collection</h2>
      <CollectionForm action="/collections" submit="Create collection" />
    </Layout>
  );
}

function CollectionForm(props: { action: string; submit: string; collection?: Collection }) {
  const c = props.collection;
  return (
    <PostForm action={props.action} class="stack narrow">
      <label for="name">Name</label>
      <input id="name" name="name" required maxlength={100} value={c?.name ?? ''} />
      <label for="description">Description (optional)</label>
      <textarea id="description" name="description" rows={2} maxlength={2000}>
        {c?.description ?? ''}
      </textarea>
      <label class="check">
        <input type="checkbox" name="public" value="1" checked={c?.isPublic ?? false} /> Public:
        anyone with the link can see it and follow its feed
      </label>
      <button type="submit" class="button primary">
        {props.submit}
      </button>
    </PostForm>
  );
}

export interface CollectionPageProps {
  view: CollectionView;
  social: CardSocial;
  /** Markdown → safe HTML, for the description. */
  renderMarkdown: (markdown: string) => string;
}

export function CollectionPage({ view, social, renderMarkdown }: CollectionPageProps) {
  const { viewer } = useView();
  const { collection: c, items } = view;
  const own = viewer?.id === c.owner.id;
  const feed = { base: `/feeds/collections/${c.id}`, title: `${c.name} (paperboy collection)` };
  return (
    <Layout
      title={c.name}
      description={c.description || `A collection by @${c.owner.handle}`}
      head={c.isPublic ? <FeedAlternates feed={feed} /> : undefined}
    >
      <div class="feed-head">
        <div>
          <h1>{c.name}</h1>
          <p class="subtitle">
            A {c.isPublic ? 'public' : 'private'} collection by{' '}
            <a href={`/users/${c.owner.handle}`}>@{c.owner.handle}</a> · {items.length} paper
            {items.length === 1 ? '' : 's'}
            {items.length > 0 && (
              <>
                {' '}
                · <a href={`/for-you?collection=${c.id}`}>More like this collection</a>
              </>
            )}
          </p>
          {c.description && <div class="md">{raw(renderMarkdown(c.description))}</div>}
        </div>
      </div>
      {items.length === 0 ? (
        <p class="empty">
          No papers yet{own ? ': add one below, or use "Save to" on a paper page.' : '.'}
        </p>
      ) : (
        <ol class="papers">
          {items.map((item) => (
            <>
              <PaperCard paper={item.paper} social={social} note={item.note} />
              {own && (
                <li class="item-tools">
                  <PostForm action={`/collections/${c.id}/remove`} class="inline">
                    <input type="hidden" name="paper" value={item.paper.id} />
                    <button type="submit" class="link">
                      Remove “{item.paper.title.slice(0, 40)}”
                    </button>
                  </PostForm>
                </li>
              )}
            </>
          ))}
        </ol>
      )}
      {c.isPublic && <FeedBadges feed={feed} />}
      {items.length > 0 && <CiteLinks label="Cite this collection" params={{ collection: c.id }} />}
      {own && (
        <>
          <h2>Add a paper</h2>
          <PostForm action="/collections/add" class="row-form">
            <input type="hidden" name="collection" value={c.id} />
            <input
              name="paper"
              required
              placeholder="arXiv id or URL"
              aria-label="arXiv id or URL"
            />
            <input name="note" placeholder="Note (optional)" maxlength={2000} aria-label="Note" />
            <button type="submit" class="button">
              Add
            </button>
          </PostForm>
          <details>
            <summary>Edit or delete this collection</summary>
            <CollectionForm action={`/collections/${c.id}`} submit="Save" collection={c} />
            <details>
              <summary>Delete this collection</summary>
              <PostForm action={`/collections/${c.id}/delete`} next="/collections" class="confirm">
                <span>Delete “{c.name}” and its notes for good?</span>{' '}
                <button type="submit" class="button danger">
                  Yes, delete
                </button>
              </PostForm>
            </details>
          </details>
        </>
      )}
    </Layout>
  );
}
