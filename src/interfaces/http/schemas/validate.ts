/**
 * The one way requests are validated: zod schemas at the edge (query, path, form and JSON bodies).
 * A failed check becomes an `invalid_input` AppError naming each bad field, so on-error.tsx gives
 * every validation failure the same status and the same body, `{error: {code, message, details}}`.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { type AppError, createError } from '../../../core/errors.ts';

/** One problem with one input field. */
export interface FieldProblem {
  /** Where: `query`, `param`, `form`, `json`, … */
  in: string;
  /** Field path, e.g. `limit` or `items.0.id`; empty for the whole input. */
  field: string;
  message: string;
}

/** What zod reports about a failed parse (ZodError's issues). */
interface Issues {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/** The AppError for a failed validation of `target`. */
export function validationError(error: Issues, target: string): AppError {
  const problems: FieldProblem[] = error.issues.map((issue) => ({
    in: target,
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const text = problems
    .map((p) => (p.field ? `${p.field}: ${p.message}` : `${p.in}: ${p.message}`))
    .join('; ');
  return createError('invalid_input', text, { details: { problems } });
}

/** The hook for @hono/zod-openapi and @hono/zod-validator: throw on failure, pass on success. */
export function throwOnInvalid(
  result: { success: true } | { success: false; error: Issues; target?: keyof ValidationTargets },
  c?: unknown,
): undefined {
  void c;
  if (!result.success) throw validationError(result.error, result.target ?? 'request');
  return undefined;
}

/** Middleware validating `target` of the request with `schema` (read it with `c.req.valid`). */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error, target);
  });
}
