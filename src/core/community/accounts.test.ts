import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { magicLinkIn } from '../../../test/web-agent.ts';
import { fixedClock } from '../clock.ts';
import { isAppError } from '../errors.ts';
import {
  completeSignIn,
  createAdmin,
  purgeExpiredAccess,
  requestSignInLink,
  resolveSession,
  setPassword,
  signInWithPassword,
  signOutEverywhere,
} from './accounts.ts';

const clock = fixedClock('2026-08-22T12:00:00Z');
let smtp: TestSmtpServer;
let c: TestContainer;

before(async () => {
  smtp = await startSmtpServer();
  c = await createTestContainer({
    clock,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) },
  });
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

async function linkFor(email: string): Promise<string> {
  const before = smtp.mails.length;
  await requestSignInLink(c.community, email);
  const mail = (await smtp.waitFor(before + 1)).at(-1);
  assert.deepEqual(mail?.to, [email.toLowerCase()]);
  assert.equal(mail?.header('subject'), 'Your paperboy sign-in link');
  return new URL(magicLinkIn(mail?.raw ?? '')).searchParams.get('token') ?? '';
}

test('a sign-in link creates the account once and works only once', async () => {
  const token = await linkFor('New@Example.org');
  const first = await completeSignIn(c.community, token);
  assert.equal(first.created, true);
  assert.equal(first.user.email, 'new@example.org');
  assert.equal(first.user.handle, 'new');
  assert.equal(first.user.role, 'reader');
  assert.equal((await resolveSession(c.community, first.sessionToken))?.id, first.user.id);
  await assert.rejects(completeSignIn(c.community, token), (e) => isAppError(e, 'unauthorized'));
  const again = await completeSignIn(c.community, await linkFor('new@example.org'));
  assert.equal(again.created, false);
  assert.equal(again.user.id, first.user.id);
});

test('two racing uses of one link: exactly one signs in', async () => {
  const token = await linkFor('race@example.org');
  const results = await Promise.allSettled([
    completeSignIn(c.community, token),
    completeSignIn(c.community, token),
    completeSignIn(c.community, token),
  ]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
});

test('a sign-in link expires after 15 minutes', async () => {
  const token = await linkFor('late@example.org');
  clock.advance(15 * 60_000 + 1);
  await assert.rejects(completeSignIn(c.community, token), (e) => isAppError(e, 'unauthorized'));
});

test('sign-in links are rate limited per address, and bad addresses are refused', async () => {
  for (let i = 0; i < 5; i++) await linkFor('busy@example.org');
  await assert.rejects(requestSignInLink(c.community, 'busy@example.org'), (e) =>
    isAppError(e, 'rate_limited'),
  );
  await assert.rejects(requestSignInLink(c.community, 'not an address'), (e) =>
    isAppError(e, 'invalid_input'),
  );
  await assert.rejects(requestSignInLink(c.community, 'a@b.org\r\nBcc: x@y.org'), (e) =>
    isAppError(e, 'invalid_input'),
  );
});

test('passwords: optional, scrypt-hashed, same error for unknown account and wrong password', async () => {
  const { user } = await completeSignIn(c.community, await linkFor('pw@example.org'));
  await assert.rejects(signInWithPassword(c.community, 'pw@example.org', 'anything-at-all'), (e) =>
    isAppError(e, 'unauthorized'),
  );
  await assert.rejects(setPassword(c.community, user, 'short'), (e) =>
    isAppError(e, 'invalid_input'),
  );
  await setPassword(c.community, user, 'correct horse battery');
  assert.match((await c.community.users.passwordHash(user.id)) ?? '', /^scrypt\$32768\$8\$1\$/);
  const ok = await signInWithPassword(c.community, 'PW@example.org', 'correct horse battery');
  assert.equal(ok.user.id, user.id);
  const wrong = await signInWithPassword(c.community, 'pw@example.org', 'wrong horse').catch(
    (e) => e,
  );
  const unknown = await signInWithPassword(c.community, 'nobody@example.org', 'wrong horse').catch(
    (e) => e,
  );
  assert.equal(wrong.message, unknown.message);
});

test('sign out everywhere ends every session', async () => {
  const a = await completeSignIn(c.community, await linkFor('many@example.org'));
  const b = await completeSignIn(c.community, await linkFor('many@example.org'));
  assert.equal(await signOutEverywhere(c.community, a.user), 2);
  assert.equal(await resolveSession(c.community, a.sessionToken), null);
  assert.equal(await resolveSession(c.community, b.sessionToken), null);
});

test('admin create makes a new admin or promotes an account', async () => {
  const made = await createAdmin(c.community, 'boss@example.org');
  assert.equal(made.created, true);
  assert.equal(made.user.role, 'admin');
  const promoted = await createAdmin(c.community, 'pw@example.org');
  assert.equal(promoted.created, false);
  assert.equal(promoted.user.role, 'admin');
});

test('expired sessions and day-old sign-in tokens are purged', async () => {
  const { sessionToken } = await completeSignIn(c.community, await linkFor('old@example.org'));
  clock.advance(31 * 86_400_000);
  const purged = await purgeExpiredAccess(c.community);
  assert.ok(purged.sessions >= 1);
  assert.ok(purged.tokens >= 1);
  assert.equal(await resolveSession(c.community, sessionToken), null);
});
