/**
 * The community layer's domain: accounts and roles, comments, collections, submissions and the
 * moderators' audit trail. Pure types and the rules that need no storage.
 */
import { hasNonPrintable } from '../mail/mailbox.ts';

export const ROLES = ['reader', 'moderator', 'admin'] as const;
/** reader: votes, comments, submits, collects. moderator: also hides, bans readers, features.
 * admin: also changes roles and bans moderators. */
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  /** Lower-cased address; never shown to other users. */
  email: string;
  /** Unique, URL-safe name shown as @handle (3–30 of a–z, 0–9, - and _). */
  handle: string;
  displayName: string;
  role: Role;
  /** Set while the account is banned: it can read but not act. */
  bannedAt: string | null;
  banReason: string | null;
  createdAt: string;
  hasPassword: boolean;
}

/** Public facts about a user, safe to show anyone. */
export interface UserRef {
  id: string;
  handle: string;
  displayName: string;
}

export interface Comment {
  id: string;
  paperId: string;
  author: UserRef;
  /** Top-level comment this one replies to; replies are one level deep. */
  parentId: string | null;
  /** Markdown source. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
}

/** A top-level comment with its replies, oldest first. */
export interface CommentThread {
  comment: Comment;
  replies: Comment[];
}

export interface Collection {
  id: string;
  owner: UserRef;
  name: string;
  description: string;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CollectionItem {
  paperId: string;
  note: string;
  addedAt: string;
}

export interface AuditEntry {
  id: string;
  actor: UserRef | null;
  /** e.g. comment.hide, comment.delete, user.ban, user.role, paper.feature, paper.unfeature */
  action: string;
  targetType: 'comment' | 'user' | 'paper' | 'report';
  targetId: string;
  detail: string;
  createdAt: string;
}

/** A comment with the open reports against it, for the moderation queue. */
export interface ReportedComment {
  comment: Comment;
  reports: { reporter: UserRef; reason: string; createdAt: string }[];
}

/** What an API token may do: `read` (GET, incl. the owner's private data) or `write` (also change). */
export type TokenScope = 'read' | 'write';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];

/** A personal access token as its owner sees it (the secret itself is shown once, at creation). */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  scope: TokenScope;
  /** The token's first characters, to tell tokens apart (`pb_AbCd`). */
  hint: string;
  createdAt: string;
  /** Last request made with it (updated at most once a minute), null when never used. */
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Submission rules (config), Hugging Face's by default. */
export interface SubmissionRules {
  /** A submitted paper's first arXiv version is at most this many days old. Default 14. */
  maxAgeDays: number;
  /** Submissions per user per feed day. Default 3. */
  dailyQuota: number;
}

/** Local (this instance's) counters of a paper; imported baselines stay on the paper. */
export interface LocalStats {
  upvotes: number;
  comments: number;
}

const HANDLE = /^[a-z0-9][a-z0-9_-]{2,29}$/;

/** True when `handle` is a valid handle (see User.handle). */
export function isValidHandle(handle: string): boolean {
  return HANDLE.test(handle);
}

/** A handle suggestion from an email's local part: "Ada.Lovelace+x@…" → "ada-lovelace". */
export function handleFromEmail(email: string): string {
  const local = (email.split('@')[0] ?? '').split('+')[0] ?? '';
  const cleaned = local
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 24);
  return cleaned.length >= 3 ? cleaned : `reader-${cleaned}`.replace(/-$/, '');
}

/** A plausible single email address (the mailer re-checks before sending). */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  if (hasNonPrintable(email)) return null;
  if (email.length > 254 || !/^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\]+$/.test(email))
    return null;
  return email;
}

/** `a•••@example.org`: enough for a moderator to tell accounts apart, not to mail anyone. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
}

/** True for moderators and admins. */
export function isModerator(user: Pick<User, 'role'> | null): boolean {
  return user?.role === 'moderator' || user?.role === 'admin';
}
