/**
 * Who may do what. Every use case that changes state calls one of these first, so the rules live
 * in one place: signed in and not banned to act; moderators for moderation; admins for roles.
 */
import { createError } from '../errors.ts';
import { isModerator, type User } from './model.ts';

/** The user may act (vote, comment, submit, collect): signed in and not banned. */
export function assertCanAct(user: User | null): asserts user is User {
  if (!user) throw createError('unauthorized', 'sign in to do that');
  if (user.bannedAt) {
    throw createError(
      'forbidden',
      `your account is banned${user.banReason ? ` (${user.banReason})` : ''}; you can read but not take part`,
    );
  }
}

/** The user is an active moderator or admin. */
export function assertModerator(user: User | null): asserts user is User {
  assertCanAct(user);
  if (!isModerator(user)) throw createError('forbidden', 'only moderators can do that');
}

/** The user is an active admin. */
export function assertAdmin(user: User | null): asserts user is User {
  assertCanAct(user);
  if (user.role !== 'admin') throw createError('forbidden', 'only admins can do that');
}
