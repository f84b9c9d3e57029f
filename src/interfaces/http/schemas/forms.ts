/**
 * Every HTML form the web pages post, as zod schemas validated at the edge (schemas/validate.ts):
 * required fields present, text within bounds. Meaning (is this an email, a known time zone, a
 * real paper) is checked by the core use cases, which answer with the same error shape.
 */
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../../../core/community/comments.ts';
import { MAX_PASSWORD_LENGTH } from '../../../core/community/password.ts';
import type { ManageAction } from '../../../core/digests/manage-subscriptions.ts';
import { MAX_PASTED_TEXT } from '../../../core/search/similar-papers.ts';

/** A required text field of at most `max` characters. */
export function required(max: number) {
  return z
    .string({ error: (i) => (i.input === undefined ? 'the field is missing' : 'must be text') })
    .max(max, `must be at most ${max} characters`);
}
/** An optional text field (absent or empty is the same). */
export function optional(max: number) {
  return z.string().max(max, `must be at most ${max} characters`).optional();
}

const paper = required(300);
const next = optional(2000);

export const VoteForm = z.object({ paper, next });
export const CommentForm = z.object({
  paper,
  body: required(MAX_COMMENT_LENGTH * 2),
  parent: optional(100),
});
export const CommentEditForm = z.object({ body: required(MAX_COMMENT_LENGTH * 2) });
export const NextForm = z.object({ next });
export const ReportForm = z.object({ reason: optional(2000) });
export const PaperForm = z.object({ paper });

export const SignInForm = z.object({ email: required(320), next });
export const PasswordSignInForm = z.object({
  email: required(320),
  password: required(MAX_PASSWORD_LENGTH * 2),
  next,
});
export const MagicLinkForm = z.object({ token: required(200) });
export const ProfileForm = z.object({ handle: required(100), displayName: required(200) });
export const PasswordForm = z.object({
  password: required(MAX_PASSWORD_LENGTH * 2),
  currentPassword: optional(MAX_PASSWORD_LENGTH * 2),
});

export const TokenForm = z
  .object({ name: required(200), scope: required(20), expiresInDays: optional(10) })
  .transform((v, ctx) => {
    const days = Number(v.expiresInDays || '0');
    if (!Number.isInteger(days)) {
      ctx.addIssue({ code: 'custom', path: ['expiresInDays'], message: 'must be a whole number' });
      return z.NEVER;
    }
    return { name: v.name, scope: v.scope, expiresInDays: days };
  });

export const CollectionForm = z
  .object({ name: required(200), description: optional(5000), public: optional(10) })
  .transform((v) => ({
    name: v.name,
    description: v.description ?? '',
    isPublic: v.public === '1',
  }));
export const CollectionAddForm = z.object({
  /** Absent: the reader's "Reading list" (made on first use). */
  collection: optional(100),
  paper,
  note: optional(5000),
  next,
});

export const BanForm = z.object({ reason: optional(2000), next });
export const RoleForm = z.object({ role: required(20), next });

export const SubscribeForm = z.object({
  email: optional(320),
  kind: optional(20),
  cadence: optional(20),
  query: optional(1000),
  timeZone: optional(100),
});
export const ManageLinkForm = z.object({ email: optional(320) });

const subscriptionId = z.string().max(100).default('');
/** The manage page's actions, parsed into the core's ManageAction. */
export const ManageForm = z
  .discriminatedUnion(
    'action',
    [
      z.object({
        action: z.literal('cadence'),
        subscriptionId,
        cadence: z.string().max(20).default(''),
      }),
      z.object({ action: z.literal('unsubscribe'), subscriptionId }),
      z.object({ action: z.literal('resubscribe'), subscriptionId }),
      z.object({ action: z.literal('unsubscribe_all') }),
      z.object({ action: z.literal('time_zone'), timeZone: z.string().max(100).default('') }),
      z.object({
        action: z.literal('add'),
        kind: z.string().max(20).default(''),
        cadence: optional(20),
        query: optional(1000),
      }),
    ],
    {
      error: (i) =>
        `action: must be one of cadence, unsubscribe, resubscribe, unsubscribe_all, time_zone, add${
          typeof i.input === 'object' && i.input && 'action' in i.input
            ? ` (got "${String(i.input.action)}")`
            : ''
        }`,
    },
  )
  .transform((v): ManageAction => {
    switch (v.action) {
      case 'cadence':
        return { type: 'cadence', subscriptionId: v.subscriptionId, cadence: v.cadence };
      case 'unsubscribe':
      case 'resubscribe':
        return { type: v.action, subscriptionId: v.subscriptionId };
      case 'unsubscribe_all':
        return { type: 'unsubscribe_all' };
      case 'time_zone':
        return { type: 'time_zone', timeZone: v.timeZone };
      case 'add':
        return {
          type: 'add',
          kind: v.kind,
          ...(v.cadence ? { cadence: v.cadence } : {}),
          ...(v.query !== undefined ? { query: v.query } : {}),
        };
    }
  });

/** RFC 8058 one-click unsubscribe posts `List-Unsubscribe=One-Click`; pages post nothing. */
export const UnsubscribeForm = z.object({ 'List-Unsubscribe': optional(100) });
export const SimilarTextForm = z.object({
  text: optional(MAX_PASTED_TEXT * 2),
  from: optional(20),
  /** Page of the results (from 1); later pages re-post the text. */
  page: optional(10),
});

/** An alert's setting to preview (manage page; nothing saved): threshold 0–1 and keywords. */
export const AlertSettingQuery = z.object({
  threshold: z.coerce.number({ error: 'must be a number' }).min(0).max(1).optional(),
  include: z.string().max(500).optional(),
  exclude: z.string().max(500).optional(),
  saved: optional(4),
});
export type AlertQueryValues = z.infer<typeof AlertSettingQuery>;

/** An alert's setting to save: the values previewed. */
export const AlertSettingForm = z.object({
  threshold: z.coerce.number({ error: 'must be a number' }).min(0).max(1),
  include: optional(500),
  exclude: optional(500),
  next: optional(2000),
});
