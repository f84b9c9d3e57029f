/**
 * Subscriptions and digests end to end against real SQLite and a real SMTP server on 127.0.0.1:
 * double opt-in, content and headers, never the same paper twice, time zones, retries when the
 * server is down, bounces.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { HashEmbedder } from '../../../test/hash-embedder.ts';
import { mailText } from '../../../test/mail-text.ts';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { fixedClock } from '../clock.ts';
import { isAppError } from '../errors.ts';
import { confirmSubscription } from './confirm-subscription.ts';
import { sendDigests } from './send-digests.ts';
import { subscribe } from './subscribe.ts';

let smtp: TestSmtpServer;
let c: TestContainer;
let clock: ReturnType<typeof fixedClock>;

before(async () => {
  smtp = await startSmtpServer();
});
after(() => smtp.close());
beforeEach(async () => {
  await c?.dispose();
  smtp.mails.length = 0;
  clock = fixedClock('2026-08-24T06:00:00Z'); // Monday, before the 07:00 send hour in UTC
  c = await createTestContainer({
    clock,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PAPERBOY_BASE_URL: 'https://papers.example.org',
      MAIL_FROM: 'paperboy <papers@example.org>',
    },
  });
});
after(() => c?.dispose());

const HOUR = 3_600_000;
const send = () => sendDigests(c.digestDeps, { lockOwner: 'test:1:a' });

/** Subscribes, then follows the link from the confirmation mail. */
async function subscribeConfirmed(email: string, kind: string, query = '', timeZone = 'UTC') {
  const before = smtp.mails.length;
  const { subscription } = await subscribe(c.subscriptionDeps, { email, kind, query, timeZone });
  const mail = (await smtp.waitFor(before + 1))[before];
  const token = /\/email\/confirm\/([\w.-]+)/.exec(mailText(mail?.raw ?? ''))?.[1];
  assert.ok(token, 'the confirmation mail carries a confirm link');
  await confirmSubscription(c.subscriptionDeps, token);
  smtp.mails.length = 0;
  return subscription;
}

function papersIn(mail: ReceivedMail | undefined): string[] {
  return [
    ...new Set(
      [...mailText(mail?.raw ?? '').matchAll(/papers\.example\.org\/papers\/(\d{4}\.\d{5})/g)].map(
        (m) => m[1] ?? '',
      ),
    ),
  ];
}

test('double opt-in: nothing is sent before the link is followed, the digest after', async () => {
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-24', 50, { id: '2608.00001', title: 'Monday paper' }),
  ]);
  const { subscription, outcome } = await subscribe(c.subscriptionDeps, {
    email: 'Reader@Example.org',
    kind: 'trending',
    timeZone: 'UTC',
  });
  assert.equal(outcome, 'confirmation_sent');
  const [confirmation] = await smtp.waitFor(1);
  assert.equal(confirmation?.header('subject'), 'Confirm your paperboy subscription');
  assert.deepEqual(confirmation?.to, ['reader@example.org']);

  clock.advance(2 * HOUR); // 08:00: due, but not confirmed
  const early = await send();
  assert.equal(early.sent, 0);
  assert.equal(smtp.mails.length, 1, 'only the confirmation');

  const token = /\/email\/confirm\/([\w.-]+)/.exec(mailText(confirmation?.raw ?? ''))?.[1] ?? '';
  const confirmed = await confirmSubscription(c.subscriptionDeps, token);
  assert.equal(confirmed.subscription.status, 'active');
  assert.equal((await confirmSubscription(c.subscriptionDeps, token)).already, true, 'idempotent');
  assert.equal((await c.subscriptions.get(subscription.id))?.status, 'active');

  // Confirmed after today's 07:00: the first digest is tomorrow's.
  assert.equal((await send()).sent, 0);
  clock.advance(24 * HOUR);
  const report = await send();
  assert.equal(report.sent, 1, JSON.stringify(report));
  const digest = (await smtp.waitFor(2))[1];
  assert.deepEqual(papersIn(digest), ['2608.00001']);
});

test('digest content and headers: unsubscribe (https + mailto, one-click), Message-ID, Date', async () => {
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-24', 12, { id: '2608.00011', title: 'Small <b>paper</b> & co' }),
    buildPaper({
      id: '2608.00012',
      title: 'Big\n   paper',
      authors: ['A One', 'B Two', 'C Three', 'D Four', 'E Five'],
      community: {
        ...buildPaper().community,
        featuredDays: [{ day: '2026-08-24', rank: 1, featuredAt: null }],
        upvotes: 99,
        aiSummary: 'A short summary.',
      },
    }),
  ]);
  const sub = await subscribeConfirmed('ada@example.org', 'trending');
  clock.advance(24 * HOUR + HOUR); // Tuesday 07:00 UTC
  assert.equal((await send()).sent, 1);
  const [mail] = await smtp.waitFor(1);
  assert.ok(mail);
  const digest = (await c.digests.countByStatus()).sent;
  assert.equal(digest, 1);
  assert.match(
    mail.header('subject') ?? '',
    /^Trending papers, Tuesday, 25 August 2026: Big paper$/,
  );
  const unsub = mail.header('list-unsubscribe') ?? '';
  assert.match(
    unsub,
    /^<https:\/\/papers\.example\.org\/email\/unsubscribe\/[\w.-]+>, <mailto:papers@example\.org\?subject=unsubscribe%20[\w.-]+>$/,
  );
  assert.equal(mail.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  assert.match(mail.header('message-id') ?? '', /^<digest\.[\w-]+@papers\.example\.org>$/);
  assert.ok(!Number.isNaN(Date.parse(mail.header('date') ?? '')), 'a Date header');
  assert.equal(mail.header('x-paperboy-digest'), `${sub.id}/2026-08-25`);
  assert.equal(mail.header('auto-submitted'), 'auto-generated');
  const raw = mailText(mail.raw);
  assert.ok(raw.includes('Small &lt;b&gt;paper&lt;/b&gt; &amp; co'), 'titles are escaped in HTML');
  assert.ok(raw.includes('Small <b>paper</b> & co'), 'and plain in text');
  assert.ok(raw.includes('A One, B Two, C Three et al.'));
  assert.ok(raw.includes('A short summary.'));
  assert.ok(raw.indexOf('Big paper') < raw.indexOf('Small'), 'most upvoted first');
  assert.doesNotMatch(raw, /<script/i);
  assert.match(raw, /prefers-color-scheme: dark/);
  assert.match(raw, /\/email\/manage\//);
});

test('a paper is never sent twice to an address, across subscriptions and days', async () => {
  clock.advance(-2 * 24 * HOUR); // Saturday: papers arrive
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-21', 80, {
      id: '2608.00021',
      title: 'Graph neural networks at scale',
      submittedAt: '2026-08-20T00:00:00Z',
    }),
    buildFeaturedPaper('2026-08-21', 70, {
      id: '2608.00022',
      title: 'Diffusion for graphs',
      submittedAt: '2026-08-20T00:00:00Z',
    }),
  ]);
  clock.advance(-HOUR);
  await subscribeConfirmed('bob@example.org', 'trending');
  await subscribeConfirmed('bob@example.org', 'search', 'graph neural networks');
  clock.advance(2 * 24 * HOUR + 2 * HOUR); // Monday 07:00
  await c.papers.upsertMany([
    buildPaper({
      id: '2608.00023',
      title: 'Graph neural networks for proteins',
      submittedAt: '2026-08-23T00:00:00Z',
    }),
  ]);
  clock.advance(HOUR);
  const report = await send();
  assert.equal(report.sent, 2);
  const mails = await smtp.waitFor(2);
  const all = mails.flatMap(papersIn);
  assert.equal(new Set(all).size, all.length, `no paper twice: ${all.join(', ')}`);
  assert.deepEqual([...all].sort(), ['2608.00021', '2608.00022', '2608.00023']);

  // Tuesday: the same papers still trend, but Bob has them all; nothing new matches → no mail.
  clock.advance(24 * HOUR);
  const tuesday = await send();
  assert.equal(tuesday.sent, 0);
  assert.equal(tuesday.plan.empty, 2);
  assert.equal(smtp.mails.length, 2);
});

test('alerts use the search: meaning matches count, filters and exclusions apply', async () => {
  const embedder = new HashEmbedder();
  await c.dispose();
  c = await createTestContainer({
    clock,
    embedder,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PAPERBOY_BASE_URL: 'https://papers.example.org',
    },
  });
  clock.advance(-22 * HOUR); // Sunday 08:00
  const verified = { timeZone: 'UTC', verified: true } as const;
  await subscribe(c.subscriptionDeps, {
    email: 'm@example.org',
    kind: 'search',
    query: 'automobile',
    ...verified,
  });
  await subscribe(c.subscriptionDeps, {
    email: 'f@example.org',
    kind: 'search',
    query: 'cat=cs.RO',
    ...verified,
  });
  await subscribe(c.subscriptionDeps, {
    email: 'x@example.org',
    kind: 'search',
    query: 'q=robots+-cars',
    ...verified,
  });
  clock.advance(HOUR);
  await c.papers.upsertMany([
    buildPaper({
      id: '2608.00051',
      title: 'Cars',
      abstract: 'Car car cars.',
      categories: ['cs.RO'],
      submittedAt: '2026-08-22T00:00:00Z',
    }),
    buildPaper({
      id: '2608.00052',
      title: 'Robots that cook',
      abstract: 'Kitchen robots.',
      categories: ['cs.AI'],
      submittedAt: '2026-08-22T00:00:00Z',
    }),
    buildPaper({
      id: '2608.00053',
      title: 'Robots and cars',
      abstract: 'Robots among cars.',
      categories: ['cs.CV'],
      submittedAt: '2026-08-22T00:00:00Z',
    }),
  ]);
  const { embedPending } = await import('../embeddings/embed-papers.ts');
  const { embedder: cached, vectors } = c.search;
  assert.ok(cached && vectors);
  await embedPending({
    queue: c.embeddingQueue,
    papers: c.papers,
    embedder: cached,
    vectors,
    log: c.logs,
  });
  clock.advance(23 * HOUR); // Monday 08:00
  await send();
  const got = (to: string) => papersIn(smtp.mails.find((m) => m.to[0] === to));
  assert.deepEqual(
    got('m@example.org'),
    ['2608.00051', '2608.00053'],
    'no shared word, same meaning',
  );
  assert.deepEqual(
    got('f@example.org'),
    ['2608.00051'],
    'a filter-only alert: every new cs.RO paper',
  );
  assert.deepEqual(got('x@example.org'), ['2608.00052'], 'the exclusion holds');
});

test('each subscriber’s time zone decides when "daily" begins', async () => {
  await c.papers.upsertMany([buildFeaturedPaper('2026-08-21', 5, { id: '2608.00031' })]);
  clock.advance(-24 * HOUR); // Sunday 06:00 UTC
  await subscribeConfirmed('tokyo@example.org', 'trending', '', 'Asia/Tokyo');
  await subscribeConfirmed('ny@example.org', 'trending', '', 'America/New_York');
  clock.advance(24 * HOUR - 5 * HOUR); // Monday 01:00 UTC = 10:00 Tokyo, 21:00 Sunday in New York
  await send();
  assert.deepEqual(
    smtp.mails.flatMap((m) => m.to),
    ['tokyo@example.org'],
  );
  clock.advance(10 * HOUR); // 11:00 UTC = 07:00 in New York
  await send();
  assert.deepEqual(
    smtp.mails.flatMap((m) => m.to),
    ['tokyo@example.org', 'ny@example.org'],
  );
});

test('an unreachable SMTP server stops the run; the next run sends everything once', async () => {
  const down = await startSmtpServer();
  const port = down.port;
  await down.close();
  await c.dispose();
  c = await createTestContainer({
    clock,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      PAPERBOY_BASE_URL: 'https://papers.example.org',
    },
  });
  await c.papers.upsertMany([buildFeaturedPaper('2026-08-21', 5, { id: '2608.00041' })]);
  clock.advance(-24 * HOUR);
  for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
    const { subscription } = await subscribe(c.subscriptionDeps, {
      email,
      kind: 'trending',
      timeZone: 'UTC',
      verified: true,
    });
    assert.equal(subscription.status, 'active');
  }
  clock.advance(25 * HOUR);
  const first = await send();
  assert.match(first.stopped?.message ?? '', /SMTP server is unavailable/);
  assert.equal(first.stopped?.reason, 'smtp_unavailable');
  assert.equal(first.plan.recorded, 3);
  assert.equal(first.sent, 0);
  assert.equal((await c.digests.countByStatus()).pending, 3);

  const up = await startSmtpServer({ port });
  try {
    clock.advance(10 * 60_000);
    const second = await send();
    assert.equal(second.sent, 3);
    assert.equal(second.plan.due, 0, 'nothing planned twice');
    assert.deepEqual(up.mails.flatMap((m) => m.to).sort(), [
      'a@example.org',
      'b@example.org',
      'c@example.org',
    ]);
    assert.equal((await send()).sent, 0);
    assert.equal(up.mails.length, 3);
  } finally {
    await c.mailer.close();
    await up.close();
  }
});

test('permanent refusals count against the address and disable it; 4xx is retried later', async () => {
  clock.advance(-22 * HOUR); // Sunday 08:00
  for (const email of ['gone@example.org', 'busy@example.org']) {
    await subscribe(c.subscriptionDeps, {
      email,
      kind: 'trending',
      timeZone: 'UTC',
      verified: true,
    });
  }
  smtp.reject('gone@example.org', 550);
  smtp.reject('busy@example.org', 451);
  for (let day = 0; day < 4; day++) {
    const dayStr = `2026-08-${String(21 + day).padStart(2, '0')}`;
    await c.papers.upsertMany([buildFeaturedPaper(dayStr, 5)]);
    clock.advance(24 * HOUR);
    const r = await send();
    if (day < 3) assert.equal(r.failed, 1, `day ${day}: gone@ refused`);
    if (day === 2) assert.equal(r.disabled, 1, 'disabled after the third 5xx in a row');
    if (day === 3) assert.equal(r.failed, 0, 'a disabled address gets nothing');
  }
  const gone = await c.subscriptions.getAddress('gone@example.org');
  assert.equal(gone?.bounceCount, 3);
  assert.ok(gone?.disabledAt);
  assert.equal(smtp.mails.length, 0);
  assert.ok(((await c.digests.countByStatus()).pending ?? 0) >= 1, 'busy@ waits for a retry');
  smtp.reject('busy@example.org', 0);
  clock.advance(2 * HOUR);
  const retry = await send();
  assert.ok(retry.sent >= 1);
  assert.ok(smtp.mails.every((m) => m.to[0] === 'busy@example.org'));
});

test('bad input is refused with a clear error and nothing is sent', async () => {
  const cases: [Parameters<typeof subscribe>[1], RegExp][] = [
    [{ email: 'not-an-address', kind: 'trending' }, /is not an email address/],
    [
      { email: 'a@example.org\r\nBcc: victim@example.org', kind: 'trending' },
      /is not an email address/,
    ],
    [
      { email: 'a@example.org', kind: 'search', query: 'graphs\r\nBcc: victim@example.org' },
      /line breaks/,
    ],
    [{ email: 'a@example.org', kind: 'search', query: '' }, /needs search words/],
    [{ email: 'a@example.org', kind: 'author', query: 'Ada\nBcc: x@y.z' }, /one line/],
    [{ email: 'a@example.org', kind: 'trending', timeZone: 'Mars/Olympus' }, /not a time zone/],
    [{ email: 'a@example.org', kind: 'everything' }, /kind must be one of/],
    [
      { email: 'a@example.org', kind: 'trending', cadence: 'hourly' },
      /cadence must be daily or weekly/,
    ],
  ];
  for (const [input, message] of cases) {
    await assert.rejects(
      subscribe(c.subscriptionDeps, input),
      (e) => isAppError(e) && message.test(e.message),
      JSON.stringify(input),
    );
  }
  assert.equal(smtp.mails.length, 0);
  assert.equal((await c.subscriptions.list({ limit: 10, offset: 0 })).total, 0);
});

test('confirmation mails are rate-limited per address', async () => {
  for (let i = 0; i < 3; i++)
    await subscribe(c.subscriptionDeps, { email: 'x@example.org', kind: 'trending' });
  // subscribe() returns after the server answered 250, so every mail it sent has arrived.
  assert.equal(smtp.mails.length, 1);
  clock.advance(61_000);
  const again = await subscribe(c.subscriptionDeps, { email: 'x@example.org', kind: 'trending' });
  assert.equal(again.outcome, 'confirmation_sent');
});
