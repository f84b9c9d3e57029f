/**
 * Sign-in (which is also sign-up), the sign-in link confirmation, and the account page.
 */
import type { ApiToken, User } from '../../../core/community/model.ts';
import { ApiTokensSection } from '../components/api-tokens-section.tsx';
import { CsrfField, PostForm } from '../components/csrf-field.tsx';
import { type ForYouAccount, ForYouAccountSection } from '../components/for-you-account.tsx';
import { Layout } from '../layout.tsx';

export function SignInPage(props: {
  next: string;
  email?: string;
  sentTo?: string;
  error?: string;
}) {
  return (
    <Layout title="Sign in">
      <section class="narrow">
        <h1>Sign in or sign up</h1>
        {props.sentTo ? (
          <p class="notice" role="status">
            We sent a sign-in link to <strong>{props.sentTo}</strong>. It works once, for a few
            minutes. Open it in this browser.
          </p>
        ) : (
          <p class="subtitle">
            Enter your email and we send you a link. The first time, it creates your account.
          </p>
        )}
        {props.error && (
          <p class="notice warn" role="alert">
            {props.error}
          </p>
        )}
        <form method="post" action="/signin" class="stack">
          <CsrfField />
          <input type="hidden" name="next" value={props.next} />
          <label for="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            required
            autocomplete="email"
            value={props.email ?? ''}
          />
          <button type="submit" class="button primary">
            Email me a sign-in link
          </button>
        </form>
        <details class="password-signin">
          <summary>Sign in with a password instead</summary>
          <form method="post" action="/signin/password" class="stack">
            <CsrfField />
            <input type="hidden" name="next" value={props.next} />
            <label for="pw-email">Email</label>
            <input
              id="pw-email"
              name="email"
              type="email"
              required
              autocomplete="username"
              value={props.email ?? ''}
            />
            <label for="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              required
              autocomplete="current-password"
            />
            <button type="submit" class="button">
              Sign in
            </button>
          </form>
        </details>
      </section>
    </Layout>
  );
}

export function MagicLinkPage({ token, email }: { token: string; email: string | null }) {
  return (
    <Layout title="Sign in">
      <section class="narrow">
        {email ? (
          <>
            <h1>Sign in as {email}?</h1>
            <form method="post" action="/auth/magic" class="stack">
              <CsrfField />
              <input type="hidden" name="token" value={token} />
              <button type="submit" class="button primary">
                Continue
              </button>
            </form>
          </>
        ) : (
          <>
            <h1>This sign-in link does not work</h1>
            <p>It was already used, has expired, or was cut short by your mail program.</p>
            <p>
              <a class="button primary" href="/signin">
                Get a new link
              </a>
            </p>
          </>
        )}
      </section>
    </Layout>
  );
}

export function AccountPage(props: {
  user: User;
  sessions: number;
  tokens: ApiToken[];
  now: Date;
  forYou?: ForYouAccount;
  created?: { token: ApiToken; secret: string } | undefined;
  welcome?: boolean;
  error?: string;
}) {
  const { user } = props;
  return (
    <Layout title="Your account">
      <section class="narrow">
        <h1>Your account</h1>
        {props.welcome && (
          <p class="notice" role="status">
            Welcome to paperboy! Pick a handle and a name others will see.
          </p>
        )}
        {props.error && (
          <p class="notice warn" role="alert">
            {props.error}
          </p>
        )}
        <p class="subtitle">
          {user.email} · {user.role} · <a href={`/users/${user.handle}`}>your public profile</a> ·{' '}
          <a href="/collections">your collections</a>
        </p>
        <h2>Profile</h2>
        <PostForm action="/account/profile" class="stack">
          <label for="handle">Handle</label>
          <input
            id="handle"
            name="handle"
            required
            pattern="[a-z0-9][a-z0-9_\-]{2,29}"
            value={user.handle}
          />
          <label for="displayName">Display name</label>
          <input
            id="displayName"
            name="displayName"
            required
            maxlength={60}
            value={user.displayName}
          />
          <button type="submit" class="button primary">
            Save profile
          </button>
        </PostForm>
        <h2>Password</h2>
        <p class="muted">
          {user.hasPassword
            ? 'You can sign in with your password or an emailed link. Changing it signs you out everywhere else.'
            : 'Optional: sign-in links always work.'}
        </p>
        <PostForm action="/account/password" class="stack">
          <input type="hidden" name="username" value={user.email} autocomplete="username" />
          {user.hasPassword && (
            <>
              <label for="current-password">Current password</label>
              <input
                id="current-password"
                name="currentPassword"
                type="password"
                required
                autocomplete="current-password"
              />
            </>
          )}
          <label for="new-password">{user.hasPassword ? 'New password' : 'Password'}</label>
          <input
            id="new-password"
            name="password"
            type="password"
            required
            minlength={10}
            autocomplete="new-password"
          />
          <button type="submit" class="button">
            {user.hasPassword ? 'Change password' : 'Set password'}
          </button>
        </PostForm>
        <h2>Sessions</h2>
        <p class="muted">
          Signed in on {props.sessions} browser{props.sessions === 1 ? '' : 's'} or device
          {props.sessions === 1 ? '' : 's'}.
        </p>
        <PostForm action="/signout/all">
          <button type="submit" class="button">
            Sign out everywhere
          </button>
        </PostForm>
        <ApiTokensSection tokens={props.tokens} now={props.now} created={props.created} />
        {props.forYou && <ForYouAccountSection data={props.forYou} />}
      </section>
    </Layout>
  );
}
