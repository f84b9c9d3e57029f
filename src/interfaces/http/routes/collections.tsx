/**
 * Collections on the web.
 *   GET  /collections            the viewer's collections and a form for a new one
 *   POST /collections            create (name, description, public)
 *   GET  /collections/:id        a collection (private ones: owner only)
 *   POST /collections/:id        rename / describe / publish
 *   POST /collections/:id/delete delete
 *   POST /collections/add        add a paper or update its note (collection, paper, note)
 *   POST /collections/:id/remove remove a paper (paper)
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';
import {
  createCollection,
  deleteCollection,
  getCollection,
  listCollections,
  putInCollection,
  removeFromCollection,
  saveToReadingList,
  updateCollection,
} from '../../../core/community/collections.ts';
import { withSocial } from '../../../core/community/social.ts';
import { CollectionPage, CollectionsPage } from '../../web/pages/collection-pages.tsx';
import { keepPending, signInPath } from '../pending.ts';
import { render, seeOther } from '../render.tsx';
import { safeNext, withParam } from '../safe-next.ts';
import { CollectionAddForm, CollectionForm, PaperForm } from '../schemas/forms.ts';
import { validate } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community' | 'config'>;

export function collectionRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = container.community;

  app.get('/collections', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return seeOther(c, '/signin?next=/collections');
    return render(
      c,
      <CollectionsPage collections={await listCollections(ctx, viewer, viewer.id)} />,
    );
  });

  app.post('/collections', validate('form', CollectionForm), async (c) => {
    const id = await createCollection(ctx, c.get('viewer'), c.req.valid('form'));
    return seeOther(c, `/collections/${id}`);
  });

  // Without a chosen collection the paper goes to the reader's "Reading list"; signed out, the
  // save is kept through sign-in (interfaces/http/pending.ts).
  app.post('/collections/add', validate('form', CollectionAddForm), async (c) => {
    const values = c.req.valid('form');
    const paperId = values.paper;
    const note = values.note ?? '';
    const viewer = c.get('viewer');
    if (!viewer) {
      const next = safeNext(values.next, `/papers/${paperId}`);
      await keepPending(c, container, { kind: 'save', paperId, note, next });
      return seeOther(c, signInPath(next));
    }
    let id = values.collection;
    if (id) await putInCollection(ctx, viewer, id, paperId, note);
    else id = await saveToReadingList(ctx, viewer, paperId, note);
    return seeOther(c, withParam(safeNext(values.next, `/collections/${id}`), 'done', 'saved'));
  });

  app.get('/collections/:id', async (c) => {
    const view = await getCollection(ctx, c.get('viewer'), c.req.param('id'));
    const social = await withSocial(
      ctx,
      view.items.map((i) => i.paper),
      c.get('viewer'),
    );
    const items = view.items.map((item, i) => ({ ...item, paper: social.papers[i] ?? item.paper }));
    return render(
      c,
      <CollectionPage
        view={{ ...view, items }}
        social={social}
        renderMarkdown={(md) => ctx.markdown.render(md)}
      />,
    );
  });

  app.post('/collections/:id', validate('form', CollectionForm), async (c) => {
    const id = c.req.param('id');
    await updateCollection(ctx, c.get('viewer'), id, c.req.valid('form'));
    return seeOther(c, `/collections/${id}`);
  });

  app.post('/collections/:id/delete', async (c) => {
    await deleteCollection(ctx, c.get('viewer'), c.req.param('id'));
    return seeOther(c, '/collections');
  });

  app.post('/collections/:id/remove', validate('form', PaperForm), async (c) => {
    const id = c.req.param('id');
    await removeFromCollection(ctx, c.get('viewer'), id, c.req.valid('form').paper);
    return seeOther(c, `/collections/${id}`);
  });
  return app;
}
