/**
 * The one error type paperboy throws on purpose, and the one table of error codes.
 * HTTP statuses for these codes are decided in interfaces/http/on-error.ts, nowhere else.
 */

/** Every error code paperboy knows, with the message template that explains it. */
const messages = {
  paper_not_found: (id: string) =>
    `No paper with id "${id}" is in this paperboy yet. Check the id, or add it from arXiv.`,
  invalid_arxiv_id: (input: string) =>
    `"${input}" is not an arXiv id. Use a new-style id like 2401.01234 (optionally with a version, 2401.01234v2), an old-style id like hep-th/9901001, or an arxiv.org abs/pdf URL.`,
  invalid_period: (input: string) =>
    `"${input}" is not a day, week or month. Use YYYY-MM-DD, YYYY-Www (ISO week, e.g. 2026-W33) or YYYY-MM.`,
  invalid_input: (what: string) => `Invalid input: ${what}`,
  unsupported_media_type: (expected: string) =>
    `The request body must be ${expected}; set the Content-Type header to match.`,
  too_large: (limit: string) => `The request body is too large; the limit is ${limit}.`,
  invalid_query: (why: string) => `Invalid query: ${why}`,
  config_invalid: (problems: string) => `Configuration is invalid:\n${problems}`,
  import_failed: (why: string) => `Import failed: ${why}`,
  source_unavailable: (source: string, why: string) => `Source ${source} is unavailable: ${why}`,
  source_malformed: (source: string, why: string) =>
    `Source ${source} sent a response paperboy cannot read: ${why}. Nothing from it was stored; the next run retries it.`,
  rate_limited: (retryAfterSeconds: number) =>
    `Too many requests; try again in ${waitText(retryAfterSeconds)}.`,
  payload_too_large: (limitKb: number) =>
    `The request body is larger than this page accepts (${limitKb} KiB). Send a shorter text.`,
  not_found: (what: string) => `Not found: ${what}`,
  unauthorized: (why: string) => `Sign in required: ${why}`,
  forbidden: (why: string) => `Not allowed: ${why}`,
  token_invalid: (why: string) =>
    `API token refused: ${why}. Create a token on /account and send it as "Authorization: Bearer <token>".`,
  token_scope: (need: string) =>
    `This API token may not do that: it needs the ${need} scope. Create a ${need} token on /account.`,
  conflict: (why: string) => `Conflict: ${why}`,
  method_not_allowed: (why: string) => `Method not allowed: ${why}`,
  store_unavailable: (why: string) => `The store is unavailable: ${why}`,
  not_available: (why: string) => `Not available on this instance: ${why}`,
  model_unavailable: (why: string) => `Embedding model unavailable: ${why}`,
  mail_failed: (to: string, why: string) => `Could not send mail to ${to}: ${why}`,
  link_invalid: (why: string) =>
    `This link is not valid: ${why}. Use the newest link from your mail, or ask for a new one at /email.`,
  link_expired: (day: string) =>
    `This link expired on ${day}. Ask for a new one at /email — it takes a few seconds.`,
} as const;

/** "40 s", "12 min", "2 h" — for a person reading when to try again. */
function waitText(seconds: number): string {
  if (seconds < 120) return `${Math.max(1, Math.ceil(seconds))} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}

export type ErrorCode = keyof typeof messages;
type Args<C extends ErrorCode> = Parameters<(typeof messages)[C]>;

/** An expected failure with a stable code, an actionable message and optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options?: { details?: unknown; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }
}

/** Builds an AppError from the code table: `createError('paper_not_found', id)`. */
export function createError<C extends ErrorCode>(
  code: C,
  ...args: [...Args<C>, { details?: unknown; cause?: unknown }?]
): AppError {
  const template = messages[code] as (...a: unknown[]) => string;
  const last = args[args.length - 1];
  const hasOptions = args.length > template.length && typeof last === 'object' && last !== null;
  const options = hasOptions ? (last as { details?: unknown; cause?: unknown }) : undefined;
  const templateArgs = hasOptions ? args.slice(0, -1) : args;
  return new AppError(code, template(...templateArgs), options);
}

/** True when `error` is an AppError, optionally with the given code. */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
