/**
 * Personal access tokens for the API: created and revoked by their owner on /account, sent as
 * `Authorization: Bearer pb_…`. Like session cookies, only a token's SHA-256 is stored, so a copy
 * of the store cannot be used to call the API; the token is shown once, when it is created.
 */
import { createError } from '../errors.ts';
import type { CommunityContext } from './context.ts';
import { type ApiToken, TOKEN_SCOPES, type TokenScope, type User } from './model.ts';
import { assertCanAct } from './permissions.ts';
import { hashToken, newId, newToken } from './secrets.ts';

/** Every token starts with this, so paperboy can tell its tokens from other services' (hf_…). */
export const TOKEN_PREFIX = 'pb_';
/** Unrevoked, unexpired tokens one account may hold. */
export const MAX_TOKENS = 50;
/** Longest lifetime a token can be given, in days (none: it lasts until revoked). */
export const MAX_TOKEN_DAYS = 366;
const DAY = 86_400_000;
/** A token's last use is written at most this often (reads stay reads). */
const TOUCH_EVERY_MS = 60_000;

type Ctx = CommunityContext;

export interface NewTokenInput {
  name: string;
  scope: string;
  /** Days until it expires; null or 0: until revoked. */
  expiresInDays?: number | null;
}

/** True when `raw` looks like a paperboy token (other services' tokens are not ours to judge). */
export function isPaperboyToken(raw: string): boolean {
  return raw.startsWith(TOKEN_PREFIX);
}

/** Creates a token for the user; returns it with its secret, which is never shown again. */
export async function createApiToken(
  ctx: Ctx,
  user: User | null,
  input: NewTokenInput,
): Promise<{ token: ApiToken; secret: string }> {
  assertCanAct(user);
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 60) {
    throw createError(
      'invalid_input',
      'a token name has 1 to 60 characters, e.g. "laptop scripts"',
    );
  }
  const scope = input.scope as TokenScope;
  if (!TOKEN_SCOPES.includes(scope)) {
    throw createError('invalid_input', `scope must be read or write, got "${input.scope}"`);
  }
  const days = input.expiresInDays ?? 0;
  if (!Number.isInteger(days) || days < 0 || days > MAX_TOKEN_DAYS) {
    throw createError(
      'invalid_input',
      `a token expires in 1 to ${MAX_TOKEN_DAYS} days, or never (0); got ${days}`,
    );
  }
  const now = ctx.clock.now();
  const live = (await ctx.apiTokens.listByUser(user.id)).filter((t) => isLive(t, now));
  if (live.length >= MAX_TOKENS) {
    throw createError(
      'conflict',
      `you have ${live.length} active tokens, the most one account may hold; revoke one you no longer use`,
    );
  }
  const secret = `${TOKEN_PREFIX}${newToken()}`;
  const token: ApiToken = {
    id: newId(),
    userId: user.id,
    name,
    scope,
    hint: secret.slice(0, TOKEN_PREFIX.length + 4),
    createdAt: now.toISOString(),
    lastUsedAt: null,
    expiresAt: days > 0 ? new Date(now.getTime() + days * DAY).toISOString() : null,
    revokedAt: null,
  };
  await ctx.apiTokens.create({ ...token, tokenHash: hashToken(secret) });
  ctx.log.info('api token created', { user: user.id, token: token.id, scope });
  return { token, secret };
}

/** The user's tokens, newest first (revoked and expired ones too, marked as such). */
export async function listApiTokens(ctx: Ctx, user: User | null): Promise<ApiToken[]> {
  if (!user) throw createError('unauthorized', 'sign in to see your API tokens');
  return ctx.apiTokens.listByUser(user.id);
}

/** Revokes one of the user's tokens; it stops working at once. */
export async function revokeApiToken(ctx: Ctx, user: User | null, id: string): Promise<void> {
  if (!user) throw createError('unauthorized', 'sign in to revoke a token');
  const revoked = await ctx.apiTokens.revoke(id, user.id, ctx.clock.now().toISOString());
  if (!revoked) throw createError('not_found', `no active token ${id} on your account`);
  ctx.log.info('api token revoked', { user: user.id, token: id });
}

/** The user and token a bearer token stands for; `token_invalid` when it is unknown or spent. */
export async function authenticateApiToken(
  ctx: Ctx,
  secret: string,
): Promise<{ user: User; token: ApiToken }> {
  const found = secret.length <= 200 ? await ctx.apiTokens.find(hashToken(secret)) : null;
  if (!found) throw createError('token_invalid', 'this token is unknown (mistyped, or deleted)');
  const { token, user } = found;
  const now = ctx.clock.now();
  if (token.revokedAt) {
    throw createError('token_invalid', `this token was revoked on ${token.revokedAt.slice(0, 10)}`);
  }
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) {
    throw createError('token_invalid', `this token expired on ${token.expiresAt.slice(0, 10)}`);
  }
  const since = new Date(now.getTime() - TOUCH_EVERY_MS).toISOString();
  await ctx.apiTokens.touch(token.id, now.toISOString(), since);
  return { user, token };
}

/** Refuses a token whose scope does not cover `need` (a write token also reads). */
export function assertScope(scope: TokenScope, need: TokenScope): void {
  if (need === 'write' && scope !== 'write') throw createError('token_scope', need);
}

/** Neither revoked nor expired at `now`. */
export function isLive(token: ApiToken, now: Date): boolean {
  return !token.revokedAt && (!token.expiresAt || Date.parse(token.expiresAt) > now.getTime());
}
