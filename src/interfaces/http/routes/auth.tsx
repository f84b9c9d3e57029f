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
import { createError, isAppError } from '../../../core/errors.ts';
import { AccountPage, MagicLinkPage, SignInPage } from '../../web/pages/account-pages.tsx';
import { showOn } from '../on-error.tsx';
import { keepPending, resumePending } from '../pending.ts';
import { type AppContext, render, seeOther } from '../render.tsx';
import { safeNext } from '../safe-next.ts';
import {
  MagicLinkForm,
  PasswordForm,
  PasswordSignInForm,
  ProfileForm,
  SignInForm,
} from '../schemas/forms.ts';
import { validate } from '../schemas/validate.ts';
import { type AppEnv, clearSessionCookie, setSessionCookie } from '../session.ts';

export function authRoutes(container: Container): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = container.community;

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
    try {
      const { sessionToken, user } = await signInWithPassword(ctx, values.email, values.password);
      setSessionCookie(c, container, sessionToken);
      return seeOther(c, (await resumePending(c, container, user)) ?? next);
    } catch (error) {
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

  app.get('/account', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return seeOther(c, '/signin?next=/account');
    const sessions = await ctx.sessions.count(viewer.id, container.clock.now().toISOString());
    return render(
      c,
      <AccountPage user={viewer} sessions={sessions} welcome={c.req.query('welcome') === '1'} />,
    );
  });

  /** Shows a refused account change on the account page. */
  const onAccountPage = async (c: AppContext, error: unknown): Promise<never> => {
    const viewer = c.get('viewer');
    if (!viewer) throw error;
    const sessions = await ctx.sessions.count(viewer.id, container.clock.now().toISOString());
    return showOn(error, (message) => (
      <AccountPage user={viewer} sessions={sessions} error={message} />
    ));
  };

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
      await setPassword(ctx, c.get('viewer'), c.req.valid('form').password);
    } catch (error) {
      if (!isAppError(error, 'invalid_input')) throw error;
      await onAccountPage(c, error);
    }
    return seeOther(c, '/account?saved=1');
  });
  return app;
}
