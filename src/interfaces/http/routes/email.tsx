/**
 * Email subscriptions on the web.
 *   GET  /email                       subscribe (trending, a search alert, an author); manage link
 *   POST /email/subscribe             subscribe → mails a confirmation link (double opt-in)
 *   POST /email/manage-link           mails a link to manage an address's subscriptions
 *   GET  /email/confirm/:token        asks to confirm (a button: link scanners confirm nothing)
 *   POST /email/confirm/:token        confirms
 *   GET  /email/manage/:token         the address's subscriptions
 *   POST /email/manage/:token         changes one (action=cadence|unsubscribe|resubscribe|add|…)
 *   GET  /email/manage/:token/alert/:id   an alert's threshold and keywords, previewed on yesterday
 *   POST /email/manage/:token/alert/:id   saves them
 *   GET  /email/unsubscribe/:token    asks to unsubscribe (a button)
 *   POST /email/unsubscribe/:token    unsubscribes; also RFC 8058 one-click from mail clients
 *   GET  /admin/digests               admins: subscriptions and the digest ledger
 *   GET  /admin/digests/:id/preview   admins: the digest a subscription would get now
 * The token routes are authorised by the signed token in the path; the one-click POST comes
 * from mail providers without cookies, so session.ts exempts it from the CSRF check.
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';
import { assertAdmin } from '../../../core/community/permissions.ts';
import { confirmSubscription } from '../../../core/digests/confirm-subscription.ts';
import { describe } from '../../../core/digests/describe-subscription.ts';
import {
  manageSubscriptions,
  openManagePage,
  ownSubscription,
  saveAlertSetting,
} from '../../../core/digests/manage-subscriptions.ts';
import { type AlertPreview, previewAlert } from '../../../core/digests/preview-alert.ts';
import { previewDigest } from '../../../core/digests/preview-digest.ts';
import { requestManageLink } from '../../../core/digests/request-manage-link.ts';
import { subscribe } from '../../../core/digests/subscribe.ts';
import { unsubscribe } from '../../../core/digests/unsubscribe.ts';
import { isAppError } from '../../../core/errors.ts';
import { AdminDigestsPage, DigestPreviewPage } from '../../web/pages/admin-digests-page.tsx';
import { AlertSettingsPage } from '../../web/pages/alert-settings-page.tsx';
import {
  CheckInboxPage,
  ConfirmedPage,
  ConfirmPage,
  EmailPage,
  type SubscribeValues,
  UnsubscribedPage,
  UnsubscribePage,
} from '../../web/pages/email-pages.tsx';
import { ManagePage } from '../../web/pages/manage-page.tsx';
import { showOn } from '../on-error.tsx';
import { pageParam } from '../params.ts';
import { type AppContext, render, seeOther } from '../render.tsx';
import {
  type AlertQueryValues,
  AlertSettingForm,
  AlertSettingQuery,
  ManageForm,
  ManageLinkForm,
  SubscribeForm,
  UnsubscribeForm,
} from '../schemas/forms.ts';
import { validate } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'config' | 'digestDeps' | 'digests' | 'log' | 'subscriptionDeps'>;

const ADMIN_PAGE_SIZE = 50;

export function emailRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const deps = container.subscriptionDeps;
  const { links } = deps;
  const timeZones = allTimeZones();
  /** The manage page of an address, as a same-site path (mails carry the absolute URL). */
  const managePath = (address: string) => new URL(links.manage(address)).pathname;

  /** The subscribe page, filled in with `values` and showing `error`. */
  const emailPage = (c: AppContext, values: Partial<SubscribeValues>, error?: string) => {
    const viewer = c.get('viewer');
    const full: SubscribeValues = {
      email: values.email ?? viewer?.email ?? '',
      kind: values.kind ?? c.req.query('kind') ?? 'trending',
      cadence: values.cadence ?? 'daily',
      query: values.query ?? c.req.query('query') ?? '',
      timeZone: values.timeZone ?? '',
    };
    const manageUrl = viewer ? managePath(viewer.email) : undefined;
    return (
      <EmailPage
        values={full}
        error={error}
        timeZones={timeZones}
        manageUrl={manageUrl}
        sendHour={container.config.digestSendHour}
      />
    );
  };

  app.get('/email', (c) => render(c, emailPage(c, {})));

  app.post('/email/subscribe', validate('form', SubscribeForm), async (c) => {
    const values = c.req.valid('form');
    const viewer = c.get('viewer');
    const email = (values.email ?? '').trim() || viewer?.email || '';
    // A signed-in reader's own address was verified when the account was made (sign-in links).
    const own = viewer !== null && email.toLowerCase() === viewer.email;
    try {
      const { subscription, outcome } = await subscribe(deps, {
        email,
        kind: values.kind ?? 'trending',
        ...(values.cadence ? { cadence: values.cadence } : {}),
        ...(values.query !== undefined ? { query: values.query } : {}),
        ...(values.timeZone ? { timeZone: values.timeZone } : {}),
        userId: own ? viewer.id : null,
        verified: own,
      });
      if (outcome === 'active') return seeOther(c, `${managePath(subscription.address)}?added=1`);
      return render(c, <CheckInboxPage address={subscription.address} purpose="confirm" />);
    } catch (error) {
      const shown = { ...values, email };
      if (isAppError(error, 'invalid_input') || isAppError(error, 'invalid_query')) {
        showOn(error, (message) => emailPage(c, shown, message));
      }
      if (isAppError(error, 'mail_failed')) {
        showOn(error, () =>
          emailPage(
            c,
            shown,
            'We could not send the confirmation mail just now. Nothing was lost; please try again in a few minutes.',
          ),
        );
      }
      throw error;
    }
  });

  app.post('/email/manage-link', validate('form', ManageLinkForm), async (c) => {
    const values = c.req.valid('form');
    try {
      await requestManageLink(deps, values.email ?? '');
    } catch (error) {
      if (isAppError(error, 'invalid_input')) showOn(error, (m) => emailPage(c, {}, m));
      if (!isAppError(error, 'mail_failed')) throw error;
      container.log.warn('manage link mail failed', { error });
    }
    return render(c, <CheckInboxPage address={(values.email ?? '').trim()} purpose="manage" />);
  });

  app.get('/email/confirm/:token', async (c) => {
    const token = c.req.param('token');
    const s = await deps.subscriptions.get(links.verify(token, 'confirm'));
    if (!s) return seeOther(c, '/email');
    if (s.status === 'active') {
      return render(
        c,
        <ConfirmedPage description={describe(s)} already manageUrl={managePath(s.address)} />,
      );
    }
    return render(c, <ConfirmPage token={token} description={describe(s)} address={s.address} />);
  });

  app.post('/email/confirm/:token', async (c) => {
    const { subscription, already } = await confirmSubscription(deps, c.req.param('token'));
    return render(
      c,
      <ConfirmedPage
        description={describe(subscription)}
        already={already}
        manageUrl={managePath(subscription.address)}
      />,
    );
  });

  /** The manage page of a signed token (an invalid or forged one throws), with a notice. */
  const renderManage = async (c: AppContext, token: string, message: string | undefined) => {
    const { address, subscriptions } = await openManagePage(deps, token);
    return render(
      c,
      <ManagePage
        token={token}
        address={address}
        subscriptions={subscriptions}
        timeZones={timeZones}
        message={message}
      />,
    );
  };

  app.get('/email/manage/:token', async (c) => {
    const message = c.req.query('added')
      ? 'Subscribed. No confirmation needed: this is your address.'
      : undefined;
    return renderManage(c, c.req.param('token'), message);
  });

  app.post('/email/manage/:token', validate('form', ManageForm), async (c) => {
    const token = c.req.param('token');
    let message: string;
    try {
      message = await manageSubscriptions(deps, token, c.req.valid('form'));
    } catch (error) {
      if (!isAppError(error, 'invalid_input') && !isAppError(error, 'invalid_query')) throw error;
      message = error.message;
    }
    return renderManage(c, token, message);
  });

  /** An alert's setting page: the values shown (saved, or tried in the query) and their preview. */
  const renderAlert = async (c: AppContext, token: string, id: string, tried: AlertQueryValues) => {
    const subscription = await ownSubscription(deps, token, id);
    const values = {
      threshold: tried.threshold ?? subscription.minScore ?? container.config.digestMinScore,
      includeTerms: tried.include ?? subscription.includeTerms,
      excludeTerms: tried.exclude ?? subscription.excludeTerms,
    };
    let preview: AlertPreview | null = null;
    let error: string | undefined;
    try {
      preview = await previewAlert(container.digestDeps, subscription, {
        minScore: values.threshold,
        includeTerms: values.includeTerms,
        excludeTerms: values.excludeTerms,
      });
    } catch (e) {
      if (!isAppError(e, 'invalid_query') && !isAppError(e, 'invalid_input')) throw e;
      error = e.message;
    }
    c.header('cache-control', 'private, no-store');
    const message = c.req.query('saved')
      ? 'Saved: the next digest uses these settings.'
      : undefined;
    return render(
      c,
      <AlertSettingsPage
        token={token}
        subscription={subscription}
        values={values}
        preview={preview}
        error={error}
        message={message}
      />,
      error ? 400 : 200,
    );
  };

  app.get('/email/manage/:token/alert/:id', validate('query', AlertSettingQuery), async (c) =>
    renderAlert(c, c.req.param('token'), c.req.param('id'), c.req.valid('query')),
  );

  app.post('/email/manage/:token/alert/:id', validate('form', AlertSettingForm), async (c) => {
    const { token, id } = c.req.param();
    const form = c.req.valid('form');
    await saveAlertSetting(deps, token, id, {
      minScore: form.threshold,
      includeTerms: form.include ?? '',
      excludeTerms: form.exclude ?? '',
    });
    return seeOther(c, `/email/manage/${token}/alert/${id}?saved=1`);
  });

  app.get('/email/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const s = await deps.subscriptions.get(links.verify(token, 'unsubscribe'));
    if (!s) return seeOther(c, '/email');
    if (s.status === 'unsubscribed') {
      return render(
        c,
        <UnsubscribedPage description={describe(s)} manageUrl={managePath(s.address)} />,
      );
    }
    return render(
      c,
      <UnsubscribePage token={token} description={describe(s)} address={s.address} />,
    );
  });

  app.post('/email/unsubscribe/:token', validate('form', UnsubscribeForm), async (c) => {
    const s = await unsubscribe(deps, c.req.param('token'));
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click"; a short answer is all it reads.
    if (c.req.valid('form')['List-Unsubscribe'] === 'One-Click') {
      return c.text(`Unsubscribed ${s.address} from ${describe(s)}.`);
    }
    return render(
      c,
      <UnsubscribedPage description={describe(s)} manageUrl={managePath(s.address)} />,
    );
  });

  app.get('/admin/digests', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return seeOther(c, '/signin?next=/admin/digests');
    assertAdmin(viewer);
    const page = pageParam(c.req.query('page'));
    const [list, counts, unconfirmed] = await Promise.all([
      deps.subscriptions.list({ limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE }),
      container.digests.countByStatus(),
      container.digests.countUnconfirmed(),
    ]);
    return render(
      c,
      <AdminDigestsPage
        subscriptions={list.items}
        total={list.total}
        page={page}
        pageSize={ADMIN_PAGE_SIZE}
        counts={counts}
        unconfirmed={unconfirmed}
      />,
    );
  });

  app.get('/admin/digests/:id/preview', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return seeOther(c, `/signin?next=/admin/digests/${c.req.param('id')}/preview`);
    assertAdmin(viewer);
    const preview = await previewDigest(container.digestDeps, c.req.param('id'));
    return render(c, <DigestPreviewPage preview={preview} />);
  });

  return app;
}

/** IANA zones this runtime knows, UTC first. */
/**
 * ICU (Node's time-zone data) still lists some zones by their old IANA names; readers and their
 * browsers use the current ones, so the list shows those (both names work everywhere).
 */
const CURRENT_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
};

/** Every time zone by its current name, UTC first. */
function allTimeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone').map((z) => CURRENT_NAMES[z] ?? z);
  return ['UTC', ...[...new Set(zones)].filter((z) => z !== 'UTC').sort()];
}
