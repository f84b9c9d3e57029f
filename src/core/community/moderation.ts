/**
 * Moderation: bans, roles, report triage, and the audit log every moderator action lands in.
 * Moderators ban readers; admins ban anyone but themselves and set roles.
 */
import { createError } from '../errors.ts';
import type { CommunityContext } from './context.ts';
import {
  type AuditEntry,
  maskEmail,
  type ReportedComment,
  ROLES,
  type Role,
  type User,
} from './model.ts';
import { assertAdmin, assertModerator } from './permissions.ts';

type Ctx = CommunityContext;

async function target(ctx: Ctx, id: string): Promise<User> {
  const user = await ctx.users.get(id);
  if (!user) throw createError('not_found', `user ${id}`);
  return user;
}

/** Bans (or lifts the ban on) a user. Banned users can read but not act. */
export async function setBanned(
  ctx: Ctx,
  actor: User | null,
  userId: string,
  banned: boolean,
  reason = '',
): Promise<User> {
  assertModerator(actor);
  const user = await target(ctx, userId);
  if (user.id === actor.id) throw createError('forbidden', 'you cannot ban yourself');
  if (user.role !== 'reader' && actor.role !== 'admin')
    throw createError('forbidden', 'only admins can ban moderators and admins');
  const now = ctx.clock.now().toISOString();
  const why = reason.trim().slice(0, 300);
  const updated = await ctx.users.update(user.id, {
    bannedAt: banned ? now : null,
    banReason: banned ? why || null : null,
  });
  await ctx.audit.record({
    actorId: actor.id,
    action: banned ? 'user.ban' : 'user.unban',
    targetType: 'user',
    targetId: user.id,
    detail: `@${user.handle}${why ? `: ${why}` : ''}`,
    createdAt: now,
  });
  return updated;
}

/** Sets a user's role (admins only; an admin cannot demote themself, so one admin always remains). */
export async function setRole(
  ctx: Ctx,
  actor: User | null,
  userId: string,
  role: string,
): Promise<User> {
  assertAdmin(actor);
  if (!(ROLES as readonly string[]).includes(role))
    throw createError('invalid_input', `role must be one of ${ROLES.join(', ')}`);
  const user = await target(ctx, userId);
  if (user.id === actor.id && role !== 'admin')
    throw createError('forbidden', 'you cannot demote yourself; ask another admin');
  const updated = await ctx.users.update(user.id, { role: role as Role });
  await ctx.audit.record({
    actorId: actor.id,
    action: 'user.role',
    targetType: 'user',
    targetId: user.id,
    detail: `@${user.handle}: ${user.role} → ${role}`,
    createdAt: ctx.clock.now().toISOString(),
  });
  return updated;
}

/** Dismisses the open reports on a comment without acting on it. */
export async function dismissReports(
  ctx: Ctx,
  actor: User | null,
  commentId: string,
): Promise<void> {
  assertModerator(actor);
  const now = ctx.clock.now().toISOString();
  await ctx.comments.resolveReports(commentId, now);
  await ctx.audit.record({
    actorId: actor.id,
    action: 'report.dismiss',
    targetType: 'comment',
    targetId: commentId,
    detail: '',
    createdAt: now,
  });
}

export interface ModerationOverview {
  reports: ReportedComment[];
  audit: AuditEntry[];
  /** Users matching the search, when one was given. */
  users: User[];
}

/** What the moderation page shows. */
export async function moderationOverview(
  ctx: Ctx,
  actor: User | null,
  userQuery = '',
): Promise<ModerationOverview> {
  assertModerator(actor);
  const q = userQuery.trim().toLowerCase().slice(0, 100);
  const [reports, audit, found] = await Promise.all([
    ctx.comments.openReports(100),
    ctx.audit.recent(100),
    q ? ctx.users.search(q, 50) : Promise.resolve([]),
  ]);
  // Addresses are for admins: moderators find users by handle and see addresses masked.
  const users =
    actor.role === 'admin'
      ? found
      : found.filter((u) => u.handle.includes(q)).map((u) => ({ ...u, email: maskEmail(u.email) }));
  return { reports, audit, users };
}
