/**
 * For you by email: a signed-in reader's `for-you` subscription mails the papers submitted since
 * it began, ranked from their library, those under their threshold left out; raising the
 * threshold to the top sends nothing; without an account the kind is refused.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { BACKGROUND, CANDIDATES, LIBRARY } from '../../../test/fixtures/for-you-world.ts';
import { mailText } from '../../../test/mail-text.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { fixedClock } from '../clock.ts';
import { sendDigests } from '../digests/send-digests.ts';
import { subscribe } from '../digests/subscribe.ts';
import { isAppError } from '../errors.ts';

let smtp: TestSmtpServer;
let c: TestContainer;
const clock = fixedClock('2026-08-24T06:00:00Z'); // Monday, before the 07:00 send hour
const HOUR = 3_600_000;

before(async () => {
  smtp = await startSmtpServer();
  c = await createTestContainer({
    clock,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PAPERBOY_BASE_URL: 'https://papers.example.org',
    },
  });
  await c.papers.upsertMany([...LIBRARY, ...BACKGROUND]);
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

test('a For-you digest without an account is refused', async () => {
  await assert.rejects(
    subscribe(c.subscriptionDeps, { email: 'anon@example.org', kind: 'for-you' }),
    (e) => isAppError(e, 'invalid_input') && /signed in/.test(e.message),
  );
});

test('the digest holds the reader’s recommendations above their threshold', async () => {
  const userId = 'reader-1';
  await c.recs.library.addImported(
    userId,
    LIBRARY.map((p) => ({
      paperId: p.id,
      source: 'bibtex' as const,
      addedAt: clock.now().toISOString(),
    })),
  );
  await subscribe(c.subscriptionDeps, {
    email: 'reader@example.org',
    kind: 'for-you',
    userId,
    verified: true,
    timeZone: 'UTC',
  });
  // Submitted after the subscription began: the news the first digest is about.
  const at = '2026-08-24T06:30:00Z';
  await c.papers.upsertMany(CANDIDATES.map((p) => ({ ...p, submittedAt: at })));
  clock.advance(24 * HOUR + 2 * HOUR); // Tuesday 08:00
  const report = await sendDigests(c.digestDeps, { lockOwner: 'test:1:a' });
  assert.equal(report.sent, 1, JSON.stringify(report));
  const [mail] = await smtp.waitFor(1);
  const text = mailText(mail?.raw ?? '');
  assert.match(text, /For you/);
  const ids = [...new Set([...text.matchAll(/papers\/(2608\.\d{5})/g)].map((m) => m[1]))];
  assert.deepEqual([...ids].sort(), ['2608.30001', '2608.30002', '2608.30003', '2608.30006']);
  assert.ok(!ids.includes('2608.30004'), 'under the threshold: robots are not this reader’s');
});
