/**
 * Accounts on the web.
 *   GET  /signin                 sign-in / sign-up form (email link, or email + password)
 *   POST /signin                 email a sign-in link
 *   POST /signin/password        sign in with a password
 *   GET  /auth/magic?token=      confirm page for a sign-in link (a GET never uses the token, so
 *                                mail scanners that prefetch links cannot burn it)
 *   POST /auth/magic             use the link: start a session
 *   POST /signout                end this session
 *   POST /signout/all            end every session of the account
 *   GET  /account                profile, password, sessions
 *   POST /account/profile        change handle and display name
 *   POST /account/password       set a password
 *   POST /account/tokens         create an API token (shown once, on the page that answers)
 *   POST /account/tokens/:id/revoke  revoke one
 */
import { Hono } from 'hono';
import type { Container } from '../../../container.ts';
import {
  completeSignIn,
  peekSignInLink,
  requestSignInLink,
  setPassword,
  signInWithPassword,
  signOut,
  signOutEverywhere,
  updateProfile,
} from '../../../core/community/accounts.ts';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../../core/community/api-tokens.ts';
import type { ApiToken, User } from '../../../core/community/model.ts';
import { AppError, createError, isAppError } from '../../../core/errors.ts';
import { canonicalMailbox } from '../../../core/mail/mailbox.ts';
import { forYouAccount } from '../../../core/recs/reader-choices.ts';
import { AccountPage, MagicLinkPage, SignInPage } from '../../web/pages/account-pages.tsx';
import { showOn } from '../on-error.tsx';
import { keepPending, resumePending } from '../pending.ts';
import { clientIp, enforceLimits } from '../rate-limit.ts';
import { type AppContext, render, seeOther } from '../render.tsx';
import { safeNext } from '../safe-next.ts';
import {
  MagicLinkForm,
  PasswordForm,
  PasswordSignInForm,
  ProfileForm,
  SignInForm,
  TokenForm,
} from '../schemas/forms.ts';
import { validate } from '../schemas/validate.ts';
import { type AppEnv, clearSessionCookie, setSessionCookie } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'community' | 'config' | 'limits' | 'recs' | 'secret'>;

export function authRoutes(container: Uses): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = container.community;
  const { limits } = container;

  app.get('/signin', (c) => {
    const next = safeNext(c.req.query('next'), '/');
    if (c.get('viewer')) return seeOther(c, next);
    return render(c, <SignInPage next={next} />);
  });

  app.post('/signin', validate('form', SignInForm), async (c) => {
    const values = c.req.valid('form');
    const next = safeNext(values.next, '/');
    const email = values.email;
    try {
      await requestSignInLink(ctx, email);
      // The link may be opened later in this browser: remember where to come back to.
      if (next !== '/') await keepPending(c, container, { kind: 'return', next }, false);
    } catch (error) {
      if (!isAppError(error) || !['invalid_input', 'rate_limited'].includes(error.code))
        throw error;
      showOn(error, (message) => <SignInPage next={next} email={email} error={message} />);
    }
    return render(c, <SignInPage next={next} sentTo={email.trim().toLowerCase()} />);
  });

  app.post('/signin/password', validate('form', PasswordSignInForm), async (c) => {
    const values = c.req.valid('form');
    const next = safeNext(values.next, '/');
    const account = canonicalMailbox(values.email);
    try {
      // Every attempt counts (per IP and per account); a success gives the account's back.
      await enforceLimits(c, [
        [limits.passwordPerIp, clientIp(c, container.config.trustProxy)],
        [limits.passwordPerAccount, account],
      ]);
      const { sessionToken, user } = await signInWithPassword(ctx, values.email, values.password);
      if (account) await limits.passwordPerAccount?.reset(account);
      setSessionCookie(c, container, sessionToken);
      return seeOther(c, (await resumePending(c, container, user)) ?? next);
    } catch (error) {
      if (isAppError(error, 'rate_limited')) {
        const why = `Too many password attempts. ${error.message} Meanwhile, sign in with an emailed link: it needs no password.`;
        const limited = new AppError('rate_limited', why, { details: error.details });
        showOn(limited, (message) => (
          <SignInPage next={next} email={values.email} error={message} />
        ));
      }
      if (!isAppError(error, 'unauthorized')) throw error;
      showOn(error, (message) => <SignInPage next={next} email={values.email} error={message} />);
    }
  });

  app.get('/auth/magic', async (c) => {
    const token = c.req.query('token') ?? '';
    const email = token ? await peekSignInLink(ctx, token) : null;
    if (!email) {
      showOn(createError('link_invalid', 'it was used already, expired, or was cut short'), () => (
        <MagicLinkPage token="" email={null} />
      ));
    }
    return render(c, <MagicLinkPage token={token} email={email} />);
  });

  app.post('/auth/magic', validate('form', MagicLinkForm), async (c) => {
    try {
      const { sessionToken, created, user } = await completeSignIn(ctx, c.req.valid('form').token);
      setSessionCookie(c, container, sessionToken);
      const resumed = await resumePending(c, container, user);
      return seeOther(c, resumed ?? (created ? '/account?welcome=1' : '/'));
    } catch (error) {
      if (!isAppError(error, 'unauthorized')) throw error;
      showOn(error, () => <MagicLinkPage token="" email={null} />);
    }
  });

  app.post('/signout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await signOut(ctx, token);
    clearSessionCookie(c);
    return seeOther(c, '/');
  });

  app.post('/signout/all', async (c) => {
    await signOutEverywhere(ctx, c.get('viewer'));
    clearSessionCookie(c);
    return seeOther(c, '/signin');
  });

  /** The account page's data: sessions, API tokens and For you's (library, marks, follows). */
  const accountData = async (viewer: User) => {
    const now = container.clock.now();
    const [sessions, tokens, forYou] = await Promise.all([
      ctx.sessions.count(viewer.id, now.toISOString()),
      listApiTokens(ctx, viewer),
      forYouAccount(container.recs.choices, viewer),
    ]);
    return { user: viewer, sessions, tokens, now, forYou };
  };

  app.get('/account', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return seeOther(c, '/signin?next=/account');
    const data = await accountData(viewer);
    return render(c, <AccountPage {...data} welcome={c.req.query('welcome') === '1'} />);
  });

  /** Shows a refused account change on the account page. */
  const onAccountPage = async (c: AppContext, error: unknown): Promise<never> => {
    const viewer = c.get('viewer');
    if (!viewer) throw error;
    const data = await accountData(viewer);
    return showOn(error, (message) => <AccountPage {...data} error={message} />);
  };

  app.post('/account/tokens', validate('form', TokenForm), async (c) => {
    let created: { token: ApiToken; secret: string };
    try {
      created = await createApiToken(ctx, c.get('viewer'), c.req.valid('form'));
    } catch (error) {
      if (!isAppError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
      return onAccountPage(c, error);
    }
    const viewer = c.get('viewer') as User;
    // Answered directly, not redirected: the secret must not travel in a URL or be stored.
    c.header('cache-control', 'no-store');
    return render(c, <AccountPage {...(await accountData(viewer))} created={created} />);
  });

  app.post('/account/tokens/:id/revoke', async (c) => {
    await revokeApiToken(ctx, c.get('viewer'), c.req.param('id'));
    return seeOther(c, '/account?revoked=1#tokens');
  });

  app.post('/account/profile', validate('form', ProfileForm), async (c) => {
    try {
      await updateProfile(ctx, c.get('viewer'), c.req.valid('form'));
    } catch (error) {
      if (!isAppError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
      await onAccountPage(c, error);
    }
    return seeOther(c, '/account?saved=1');
  });

  app.post('/account/password', validate('form', PasswordForm), async (c) => {
    try {
      const values = c.req.valid('form');
      const { sessionToken } = await setPassword(
        ctx,
        c.get('viewer'),
        values.password,
        values.currentPassword ?? '',
      );
      setSessionCookie(c, container, sessionToken);
    } catch (error) {
      if (!isAppError(error, 'invalid_input')) throw error;
      await onAccountPage(c, error);
    }
    return seeOther(c, '/account?saved=1');
  });
  return app;
}
