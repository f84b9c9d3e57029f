/**
 * For you on the web (signed in; docs/DESIGN.md, "For you"):
 *   GET  /for-you?days=1|7              new papers ranked for the reader, each with why
 *   POST /for-you/mark                  "more like this" / "not interested" (paper, mark)
 *   POST /for-you/unmark                undo a mark (paper)
 *   POST /for-you/interests             onboarding: categories and pasted ids
 *   POST /account/library               import BibTeX / RIS / CSL-JSON / ids; shows the report
 *   POST /account/follow, /account/unfollow   follow an author (one person: `person`) or topic
 *   POST /account/for-you-feed/revoke   a new private feed URL; the old one stops working
 *   GET  /account/for-you-data          export the reader's For-you data (JSON)
 *   POST /account/for-you-data/delete   delete it
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { getCollection } from '../../../core/community/collections.ts';
import { withSocial } from '../../../core/community/social.ts';
import {
  listAccountSubscriptions,
  subscribeAccount,
} from '../../../core/digests/account-subscriptions.ts';
import { createError, isAppError } from '../../../core/errors.ts';
import { forYouFeedPath } from '../../../core/recs/feed-key.ts';
import { importLibrary } from '../../../core/recs/import-library.ts';
import { previewForYouDigest } from '../../../core/recs/preview-for-you.ts';
import {
  deleteReaderData,
  exportReaderData,
  follow,
  markPaper,
  pickInterests,
  revokeFeedUrl,
  saveDigestSettings,
  unfollow,
  unmarkPaper,
} from '../../../core/recs/reader-choices.ts';
import { recommendForReader } from '../../../core/recs/recommend-for-reader.ts';
import { ForYouPage } from '../../web/pages/for-you-page.tsx';
import { LibraryImportPage } from '../../web/pages/library-import-page.tsx';
import { showOn } from '../on-error.tsx';
import { render, seeOther, wantsJsonReply } from '../render.tsx';
import { safeNext, withParam } from '../safe-next.ts';
import {
  DaysQuery,
  FollowForm,
  InterestsForm,
  LibraryForm,
  MarkForm,
  SettingsForm,
  SubscribeForm,
  UnfollowForm,
  UnmarkForm,
} from '../schemas/for-you.ts';
import { validate } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community' | 'config' | 'recs' | 'secret' | 'subscriptionDeps'>;

/** Papers listed on the page. */
const PAGE_SIZE = 30;

export function forYouRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { recs, community } = container;

  app.get('/for-you', validate('query', DaysQuery), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return seeOther(c, '/signin?next=/for-you');
    const query = c.req.valid('query');
    const { days, collection: collectionId } = query;
    const collection = collectionId ? await getCollection(community, viewer, collectionId) : null;
    const [result, settings, subscriptions, generation] = await Promise.all([
      recommendForReader(recs.forYou, viewer.id, {
        days,
        limit: PAGE_SIZE,
        ...(collection ? { libraryIds: collection.items.map((i) => i.paper.id) } : {}),
      }),
      recs.library.settings(viewer.id),
      listAccountSubscriptions(container.subscriptionDeps, viewer),
      recs.library.feedKeyGeneration(viewer.id),
    ]);
    const values = {
      threshold: query.threshold ?? settings.threshold,
      includeTerms: query.include ?? settings.includeTerms,
      excludeTerms: query.exclude ?? settings.excludeTerms,
    };
    let preview: Awaited<ReturnType<typeof previewForYouDigest>> | null = null;
    let error: string | undefined;
    try {
      preview = await previewForYouDigest(
        recs.forYou,
        viewer.id,
        values,
        container.config.digestAlertSize,
      );
    } catch (e) {
      if (!isAppError(e, 'invalid_query')) throw e;
      error = e.message;
    }
    const mine = subscriptions.find((s) => s.kind === 'for-you' && s.status !== 'unsubscribed');
    const social = await withSocial(
      community,
      result.items.map((i) => i.paper),
      viewer,
    );
    c.header('cache-control', 'private, no-store');
    return render(
      c,
      <ForYouPage
        result={result}
        days={days}
        social={social}
        interests={settings.interests}
        feedBase={forYouFeedPath(await container.secret(), viewer.id, generation)}
        collection={
          collection ? { id: collection.collection.id, name: collection.collection.name } : null
        }
        digest={{
          values,
          preview,
          error,
          subscribed: mine ? { cadence: mine.cadence } : null,
        }}
      />,
      error ? 400 : 200,
    );
  });

  app.post('/for-you/mark', validate('form', MarkForm), async (c) => {
    const { paper, mark, next } = c.req.valid('form');
    await markPaper(recs.choices, c.get('viewer'), paper, mark);
    if (wantsJsonReply(c)) return c.json({ paper, mark });
    const done = mark === 'more' ? 'more' : 'hidden';
    return seeOther(c, withParam(safeNext(next, '/for-you'), 'done', done));
  });

  app.post('/for-you/unmark', validate('form', UnmarkForm), async (c) => {
    const { paper, next } = c.req.valid('form');
    await unmarkPaper(recs.choices, c.get('viewer'), paper);
    return seeOther(c, safeNext(next, '/account#for-you'));
  });

  app.post('/for-you/interests', validate('form', InterestsForm), async (c) => {
    const { category, ids } = c.req.valid('form');
    const viewer = c.get('viewer');
    await pickInterests(recs.choices, viewer, category);
    if (ids?.trim() && viewer) {
      try {
        await importLibrary(recs.importDeps, viewer.id, ids);
      } catch (error) {
        showOn(error, (message) => <LibraryImportPage error={message} />);
      }
    }
    return seeOther(c, '/for-you?done=picked');
  });

  app.post('/for-you/settings', validate('form', SettingsForm), async (c) => {
    const { threshold, include, exclude } = c.req.valid('form');
    await saveDigestSettings(recs.choices, c.get('viewer'), {
      threshold,
      includeTerms: include ?? '',
      excludeTerms: exclude ?? '',
    });
    return seeOther(c, '/for-you?done=settings');
  });

  app.post('/for-you/subscribe', validate('form', SubscribeForm), async (c) => {
    await subscribeAccount(container.subscriptionDeps, c.get('viewer'), {
      kind: 'for-you',
      cadence: c.req.valid('form').cadence,
    });
    return seeOther(c, '/for-you?done=subscribed');
  });

  app.post('/account/library', validate('form', LibraryForm), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) throw createError('unauthorized', 'sign in to import your library');
    const { file, text } = c.req.valid('form');
    const content = file && file.size > 0 ? await file.text() : (text ?? '');
    let report: Awaited<ReturnType<typeof importLibrary>>;
    try {
      if (!content.trim()) throw createError('invalid_input', 'choose a file or paste its text');
      report = await importLibrary(recs.importDeps, viewer.id, content);
    } catch (error) {
      return showOn(error, (message) => <LibraryImportPage error={message} />);
    }
    c.header('cache-control', 'no-store');
    return render(c, <LibraryImportPage report={report} />);
  });

  app.post('/account/follow', validate('form', FollowForm), async (c) => {
    const { kind, label, person, next } = c.req.valid('form');
    await follow(recs.choices, c.get('viewer'), kind, label, person);
    return seeOther(c, withParam(safeNext(next, '/account#for-you'), 'done', 'followed'));
  });

  app.post('/account/unfollow', validate('form', UnfollowForm), async (c) => {
    const { kind, value, next } = c.req.valid('form');
    await unfollow(recs.choices, c.get('viewer'), kind, value);
    return seeOther(c, safeNext(next, '/account#for-you'));
  });

  app.post('/account/for-you-feed/revoke', async (c) => {
    await revokeFeedUrl(recs.choices, c.get('viewer'));
    return seeOther(c, '/account?done=feed-revoked#for-you-feed');
  });

  app.get('/account/for-you-data', async (c) => {
    const data = await exportReaderData(recs.choices, c.get('viewer'));
    c.header('cache-control', 'private, no-store');
    c.header('content-disposition', 'attachment; filename="paperboy-for-you.json"');
    return c.json(data);
  });

  app.post('/account/for-you-data/delete', async (c) => {
    await deleteReaderData(recs.choices, c.get('viewer'));
    return seeOther(c, '/account?deleted=for-you#for-you');
  });

  return app;
}
