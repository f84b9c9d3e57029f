import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../errors.ts';
import { signLink, verifyLink } from './link-token.ts';

const secret = 'k'.repeat(64);
const now = new Date('2026-08-25T12:00:00Z');

test('a signed link verifies for its purpose and returns its subject', () => {
  const t = signLink(secret, 'manage', 'ada@example.org', new Date('2026-09-01T00:00:00Z'));
  assert.equal(verifyLink(secret, t, 'manage', now), 'ada@example.org');
  const forever = signLink(secret, 'unsubscribe', 'sub:with:colons', null);
  assert.equal(
    verifyLink(secret, forever, 'unsubscribe', new Date('2099-01-01')),
    'sub:with:colons',
  );
});

test('forged, altered, truncated, foreign and expired links are refused with the right code', () => {
  const t = signLink(secret, 'confirm', 'abc', new Date('2026-08-26T00:00:00Z'));
  const [payload, mac] = t.split('.');
  const otherPayload = Buffer.from('confirm:0:other').toString('base64url');
  const cases = [
    `${otherPayload}.${mac}`, // altered subject
    `${payload}.${'A'.repeat(22)}`, // forged mac
    signLink('another-secret-another-secret-xx', 'confirm', 'abc', null), // other instance
    t.slice(0, -3), // truncated
    `${payload}`, // no mac
    'garbage',
    '',
    `${t}.x`,
  ];
  for (const bad of cases) {
    assert.throws(
      () => verifyLink(secret, bad, 'confirm', now),
      (e) => isAppError(e, 'link_invalid'),
      bad,
    );
  }
  assert.throws(
    () => verifyLink(secret, t, 'unsubscribe', now),
    (e) => isAppError(e, 'link_invalid') && /not a unsubscribe link/.test(e.message),
  );
  assert.throws(
    () => verifyLink(secret, t, 'confirm', new Date('2026-08-27T00:00:00Z')),
    (e) => isAppError(e, 'link_expired') && /2026-08-26/.test(e.message),
  );
});
