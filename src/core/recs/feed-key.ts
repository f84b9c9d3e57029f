/**
 * The secret in a reader's private For-you feed URL (feed readers cannot sign in): an HMAC of
 * the reader's id and their feed-key generation under the instance secret, so nobody can guess
 * another reader's feed. A reader who leaked their URL revokes it (the generation goes up by one:
 * the old key stops matching). Generation 0 signs the id alone, as every URL did before
 * revocation existed, so those stay valid. Changing the instance secret changes every feed URL.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function forYouFeedKey(secret: string, userId: string, generation = 0): string {
  const message =
    generation === 0 ? `for-you-feed:${userId}` : `for-you-feed:${userId}:${generation}`;
  return createHmac('sha256', secret).update(message).digest('base64url').slice(0, 32);
}

/** True when `key` is the reader's current feed key (compared in constant time). */
export function isForYouFeedKey(
  secret: string,
  userId: string,
  key: string,
  generation = 0,
): boolean {
  const want = Buffer.from(forYouFeedKey(secret, userId, generation));
  const got = Buffer.from(key);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The feed's path without extension: /feeds/for-you/<user>.<key>. */
export function forYouFeedPath(secret: string, userId: string, generation = 0): string {
  return `/feeds/for-you/${userId}.${forYouFeedKey(secret, userId, generation)}`;
}
