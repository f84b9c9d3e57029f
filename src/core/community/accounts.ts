/**
 * Accounts: sign-up and sign-in by emailed magic link (single-use, short-lived), optional
 * password, sessions, profile edits, and creating the first admin. Sign-up and sign-in are one
 * flow: the first sign-in with an address creates its account.
 */
import { createError } from '../errors.ts';
import type { CommunityContext } from './context.ts';
import { handleFromEmail, isValidHandle, normaliseEmail, type Role, type User } from './model.ts';
import {
  DUMMY_HASH,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from './password.ts';
import { assertCanAct } from './permissions.ts';
import { hashToken, newId, newToken } from './secrets.ts';

const MINUTE = 60_000;
/** Sign-in links one address may be sent per link lifetime. */
const LINKS_PER_WINDOW = 5;

type Ctx = CommunityContext;

/** Emails a sign-in link to `rawEmail`. Says nothing about whether the account exists. */
export async function requestSignInLink(ctx: Ctx, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  if (!email)
    throw createError('invalid_input', `"${rawEmail.slice(0, 100)}" is not an email address`);
  const now = ctx.clock.now();
  const ttl = ctx.settings.magicLinkMinutes * MINUTE;
  const since = new Date(now.getTime() - ttl).toISOString();
  if ((await ctx.loginTokens.countSince(email, since)) >= LINKS_PER_WINDOW) {
    throw createError('rate_limited', Math.ceil(ttl / 1000), {
      details: { retryAfterSeconds: Math.ceil(ttl / 1000) },
    });
  }
  const token = newToken();
  await ctx.loginTokens.create({
    tokenHash: hashToken(token),
    email,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttl).toISOString(),
  });
  const link = `${ctx.settings.baseUrl}/auth/magic?token=${token}`;
  const minutes = ctx.settings.magicLinkMinutes;
  await ctx.mailer.send({
    to: email,
    subject: 'Your paperboy sign-in link',
    text: [
      'Open this link to sign in to paperboy (it creates your account the first time):',
      '',
      link,
      '',
      `The link works once and expires in ${minutes} minutes.`,
      'If you did not ask for it, ignore this mail: nothing happens without the link.',
    ].join('\n'),
  });
  ctx.log.info('sign-in link sent', { expires_min: minutes });
}

/** The address a sign-in link is for, while it is unused and unexpired (confirmation page). */
export function peekSignInLink(ctx: Ctx, token: string): Promise<string | null> {
  return ctx.loginTokens.peek(hashToken(token), ctx.clock.now().toISOString());
}

export interface SignedIn {
  user: User;
  /** The session cookie's value. */
  sessionToken: string;
  /** True when this sign-in created the account. */
  created: boolean;
}

/** Uses a sign-in link: creates the account on first use, starts a session. */
export async function completeSignIn(ctx: Ctx, token: string): Promise<SignedIn> {
  const email = await ctx.loginTokens.consume(hashToken(token), ctx.clock.now().toISOString());
  if (!email) {
    throw createError(
      'unauthorized',
      'this sign-in link is invalid, already used or expired; ask for a new one',
    );
  }
  const existing = await ctx.users.getByEmail(email);
  const user = existing ?? (await createUser(ctx, email, 'reader'));
  return { user, sessionToken: await startSession(ctx, user.id), created: !existing };
}

/** Signs in with email and password. The same error for unknown address and wrong password. */
export async function signInWithPassword(
  ctx: Ctx,
  rawEmail: string,
  password: string,
): Promise<SignedIn> {
  const email = normaliseEmail(rawEmail);
  const user = email ? await ctx.users.getByEmail(email) : null;
  const stored = user ? await ctx.users.passwordHash(user.id) : null;
  const ok = await verifyPassword(password.slice(0, MAX_PASSWORD_LENGTH), stored ?? DUMMY_HASH);
  if (!user || !stored || !ok) {
    throw createError(
      'unauthorized',
      'wrong email or password (or no password set: use a sign-in link)',
    );
  }
  return { user, sessionToken: await startSession(ctx, user.id), created: false };
}

/** Starts a session for the user; returns the cookie token. */
export async function startSession(ctx: Ctx, userId: string): Promise<string> {
  const now = ctx.clock.now();
  const token = newToken();
  await ctx.sessions.create({
    idHash: hashToken(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ctx.settings.sessionDays * 1440 * MINUTE).toISOString(),
  });
  return token;
}

/** The user of a session cookie, or null when it is unknown or expired. */
export function resolveSession(ctx: Ctx, token: string): Promise<User | null> {
  return ctx.sessions.find(hashToken(token), ctx.clock.now().toISOString());
}

/** Ends one session. */
export function signOut(ctx: Ctx, token: string): Promise<void> {
  return ctx.sessions.delete(hashToken(token));
}

/** Ends every session of the user (every browser and device). */
export function signOutEverywhere(ctx: Ctx, user: User | null): Promise<number> {
  if (!user) throw createError('unauthorized', 'sign in to do that');
  return ctx.sessions.deleteAllFor(user.id);
}

/**
 * Sets or replaces the user's password. Replacing one needs the current one (a borrowed
 * session must not lock the owner out), and ends every session of the account; the caller gets
 * a fresh session token for the browser that made the change.
 */
export async function setPassword(
  ctx: Ctx,
  user: User | null,
  password: string,
  currentPassword = '',
): Promise<{ sessionToken: string }> {
  assertCanAct(user);
  if (user.hasPassword) {
    const stored = await ctx.users.passwordHash(user.id);
    const ok = await verifyPassword(
      currentPassword.slice(0, MAX_PASSWORD_LENGTH),
      stored ?? DUMMY_HASH,
    );
    if (!stored || !ok) {
      throw createError(
        'invalid_input',
        'the current password is wrong; enter it to change it (or sign in with an emailed link and try again)',
      );
    }
  }
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw createError(
      'invalid_input',
      `a password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
  await ctx.users.update(user.id, { passwordHash: await hashPassword(password) });
  const ended = await ctx.sessions.deleteAllFor(user.id);
  ctx.log.info('password changed; sessions ended', { sessions: ended });
  return { sessionToken: await startSession(ctx, user.id) };
}

/** Changes the user's handle and display name. */
export async function updateProfile(
  ctx: Ctx,
  user: User | null,
  patch: { handle: string; displayName: string },
): Promise<User> {
  assertCanAct(user);
  const handle = patch.handle.trim().toLowerCase();
  const displayName = patch.displayName.trim().replace(/\s+/g, ' ');
  if (!isValidHandle(handle)) {
    throw createError(
      'invalid_input',
      `"${handle.slice(0, 40)}" is not a handle: use 3–30 of a–z, 0–9, - and _, starting with a letter or digit`,
    );
  }
  if (displayName.length < 1 || displayName.length > 60) {
    throw createError('invalid_input', 'a display name has 1 to 60 characters');
  }
  return ctx.users.update(user.id, { handle, displayName });
}

/** `paperboy admin create <email>`: creates the account as admin, or promotes an existing one. */
export async function createAdmin(
  ctx: Ctx,
  rawEmail: string,
): Promise<{ user: User; created: boolean }> {
  const email = normaliseEmail(rawEmail);
  if (!email) throw createError('invalid_input', `"${rawEmail}" is not an email address`);
  const existing = await ctx.users.getByEmail(email);
  if (existing)
    return { user: await ctx.users.update(existing.id, { role: 'admin' }), created: false };
  return { user: await createUser(ctx, email, 'admin'), created: true };
}

/** Creates an account with a free handle derived from the address. */
async function createUser(ctx: Ctx, email: string, role: Role): Promise<User> {
  const base = handleFromEmail(email);
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle = attempt === 0 ? base : `${base.slice(0, 24)}-${attempt + 1}`;
    if (await ctx.users.getByHandle(handle)) continue;
    try {
      return await ctx.users.create({
        id: newId(),
        email,
        handle,
        // The handle, not the address's local part: that may carry a name or a private +tag.
        displayName: handle,
        role,
        createdAt: ctx.clock.now().toISOString(),
      });
    } catch (error) {
      // A concurrent sign-up took the address or the handle: reuse the account, or try another handle.
      const raced = await ctx.users.getByEmail(email);
      if (raced) return raced;
      if (attempt === 19) throw error;
    }
  }
  throw createError('conflict', `no free handle for ${email}`);
}

/** Deletes expired sessions and sign-in tokens older than a day (daily job). */
export async function purgeExpiredAccess(ctx: Ctx): Promise<{ sessions: number; tokens: number }> {
  const now = ctx.clock.now();
  const dayAgo = new Date(now.getTime() - 1440 * MINUTE).toISOString();
  const [sessions, tokens] = await Promise.all([
    ctx.sessions.purgeExpired(now.toISOString()),
    ctx.loginTokens.purgeBefore(dayAgo),
  ]);
  return { sessions, tokens };
}
