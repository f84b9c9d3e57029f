/**
 * Ids of subscriptions and digests: they appear in signed links, so they must not be guessable.
 */
import { randomBytes } from 'node:crypto';

/** An unguessable id: 96 random bits, URL-safe. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
