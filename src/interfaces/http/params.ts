/**
 * Parsing of common query parameters, lenient where a wrong value has an obvious meaning.
 */
import { createError } from '../../core/errors.ts';

/** `?page=` as a 1-based page number; missing means 1, anything else invalid is a 400. */
export function pageParam(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw createError('invalid_input', `page must be a whole number from 1, got "${raw}"`);
  }
  return n;
}
