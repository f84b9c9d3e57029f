/**
 * The secret in a reader's private For-you feed URL (feed readers cannot sign in): an HMAC of
 * the reader's id under the instance secret, so nothing is stored and nobody can guess another
 * reader's feed. Changing the instance secret changes every feed URL.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function forYouFeedKey(secret: string, userId: string): string {
  return createHmac('sha256', secret)
    .update(`for-you-feed:${userId}`)
    .digest('base64url')
    .slice(0, 32);
}

/** True when `key` is the reader's feed key (compared in constant time). */
export function isForYouFeedKey(secret: string, userId: string, key: string): boolean {
  const want = Buffer.from(forYouFeedKey(secret, userId));
  const got = Buffer.from(key);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The feed's path without extension: /feeds/for-you/<user>.<key>. */
export function forYouFeedPath(secret: string, userId: string): string {
  return `/feeds/for-you/${userId}.${forYouFeedKey(secret, userId)}`;
}
