/**
 * Random tokens and their hashes. Sign-in links and session cookies carry a random token; only its
 * SHA-256 is stored, so a copy of the store cannot be replayed as a login.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh 256-bit token, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A short random id for URLs (collections, comments): 12 characters, ~60 bits. */
export function newId(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}
