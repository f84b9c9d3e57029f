/**
 * Reading a form body before the route's own validation (the CSRF check, the mail limits): a
 * body that is not a well-formed form (a broken multipart boundary, say) is `invalid_input`, not
 * a crash. Hono caches the parsed body, so the route's validator reads it again for free.
 */
import type { Context } from 'hono';
import { createError } from '../../core/errors.ts';

/** The parsed form body. */
export async function parseForm(c: Context): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody();
  } catch (cause) {
    throw createError('invalid_input', 'the form body could not be read; send it again', {
      cause,
    });
  }
}

/** The form's string fields. */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(await parseForm(c))) if (typeof v === 'string') out[k] = v;
  return out;
}
