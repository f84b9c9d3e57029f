/**
 * The mail-flood probe, kept: anonymous clients asking the server to mail addresses of their
 * choosing (sign-in links, subscription confirmations, manage links) are limited per client IP,
 * per canonical mailbox (case, +tags and control characters fold to one inbox) and in all, with
 * 429 + Retry-After + RateLimit-* headers; the counts live in the store, so two web processes on
 * one store share them; and confirmation mails never quote the requester's text. Real SMTP.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { createContainer } from '../../container.ts';
import { createApp } from './app.ts';

let smtp: TestSmtpServer;
const open: TestContainer[] = [];

before(async () => {
  smtp = await startSmtpServer();
});
after(async () => {
  for (const c of open) await c.dispose();
  await smtp.close();
});

async function server(env: Record<string, string> = {}) {
  const c = await createTestContainer({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PAPERBOY_TRUST_PROXY: 'true',
      // The production defaults, stated (test/db.ts raises the per-IP one for other tests).
      PAPERBOY_MAIL_PER_IP_HOUR: '10',
      PAPERBOY_MAIL_PER_ADDRESS_HOUR: '3',
      PAPERBOY_MAIL_GLOBAL_HOUR: '300',
      ...env,
    },
  });
  open.push(c);
  return { c, app: createApp(c) };
}

async function agentFor(app: ReturnType<typeof createApp>) {
  const agent = new WebAgent(app);
  await agent.get('/signin');
  return agent;
}

function mailsTo(mailbox: string) {
  return smtp.mails.filter((m) => m.to.some((t) => t.replace(/\+[^@]*/, '') === mailbox));
}

test('control characters in an address are refused before any mail (sign-in and subscribe)', async () => {
  const { app } = await server();
  const agent = await agentFor(app);
  const before = smtp.mails.length;
  for (const bad of [
    'victim\u0001@example.org',
    'vic\u0008tim@example.org',
    'victim@exa\u200bmple.org',
  ]) {
    const signin = await agent.post(
      '/signin',
      { email: bad },
      { 'x-forwarded-for': '198.51.100.1' },
    );
    assert.equal(signin.status, 400, `${JSON.stringify(bad)}: ${signin.status}`);
    const sub = await agent.post(
      '/email/subscribe',
      { email: bad, kind: 'trending' },
      { 'x-forwarded-for': '198.51.100.1' },
    );
    assert.equal(sub.status, 400);
    assert.match(sub.text, /not an email address/);
  }
  assert.equal(smtp.mails.length, before);
});

test('one mailbox: case and +tags fold to it; the 4th request in an hour gets 429 with headers', async () => {
  const { app } = await server();
  const agent = await agentFor(app);
  const spellings = [
    'flood1@example.org',
    'Flood1+a@Example.org',
    'flood1+b@example.org',
    'FLOOD1+c@example.org',
  ];
  const replies = [];
  for (const [i, email] of spellings.entries()) {
    const route = i % 2 === 0 ? '/signin' : '/email/subscribe';
    replies.push(
      await agent.post(route, { email, kind: 'trending' }, { 'x-forwarded-for': `203.0.113.${i}` }),
    );
  }
  assert.deepEqual(
    replies.map((r) => r.status),
    [200, 200, 200, 429],
  );
  const ok = replies[0]?.headers;
  assert.equal(ok?.get('ratelimit-limit'), '3');
  assert.equal(ok?.get('ratelimit-remaining'), '2');
  assert.equal(ok?.get('ratelimit-policy'), '3;w=3600');
  const refused = replies[3];
  const retry = Number(refused?.headers.get('retry-after'));
  assert.ok(retry > 0 && retry <= 3600, `Retry-After ${retry}`);
  assert.equal(refused?.headers.get('ratelimit-remaining'), '0');
  assert.ok(Number(refused?.headers.get('ratelimit-reset')) > 0);
  assert.match(refused?.text ?? '', /Too many requests; try again in \d+ min/);
  assert.equal(mailsTo('flood1@example.org').length, 3);
});

test('per client IP and global limits; a JSON client gets the code', async () => {
  const { app } = await server({ PAPERBOY_MAIL_PER_IP_HOUR: '4', PAPERBOY_MAIL_GLOBAL_HOUR: '6' });
  const agent = await agentFor(app);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await agent.post(
      '/signin',
      { email: `ip${i}@example.org` },
      { 'x-forwarded-for': '192.0.2.7' },
    );
    statuses.push(r.status);
  }
  assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
  // Other IPs: the global allowance (6) has 2 left.
  for (let i = 0; i < 3; i++) {
    const r = await agent.post(
      '/signin',
      { email: `g${i}@example.org` },
      { 'x-forwarded-for': `192.0.2.${20 + i}`, accept: 'application/json' },
    );
    statuses.push(r.status);
    if (r.status === 429) {
      const body = JSON.parse(r.text);
      assert.equal(body.error.code, 'rate_limited');
      assert.equal(body.error.details.limit, 'mail_global');
    }
  }
  assert.deepEqual(statuses.slice(6), [200, 200, 429]);
});

test('two web processes on one store share the mail limits', async () => {
  const { c, app } = await server();
  const second = await createContainer(c.config, { log: c.logs, clock: c.clock });
  const app2 = createApp(second);
  try {
    const a = await agentFor(app);
    const b = await agentFor(app2);
    const statuses = [];
    for (const agent of [a, b, a, b]) {
      const r = await agent.post(
        '/signin',
        { email: 'shared@example.org' },
        { 'x-forwarded-for': '198.51.100.9' },
      );
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  } finally {
    await second.close();
  }
});

test('a confirmation mail does not quote the text the unconfirmed requester chose', async () => {
  const { app } = await server();
  const agent = await agentFor(app);
  const before = smtp.mails.length;
  const r = await agent.post(
    '/email/subscribe',
    { email: 'quote@example.org', kind: 'search', query: 'CHEAP PILLS visit spam example dot com' },
    { 'x-forwarded-for': '198.51.100.30' },
  );
  assert.equal(r.status, 200, r.text);
  const [mail] = (await smtp.waitFor(before + 1)).slice(before);
  assert.doesNotMatch(mail?.raw ?? '', /PILLS|spam/i);
  assert.match(mail?.raw ?? '', /search alert/);
});

test('a flood of 300 concurrent anonymous requests sends at most the global allowance', async () => {
  const { app } = await server({ PAPERBOY_MAIL_GLOBAL_HOUR: '20' });
  const agent = await agentFor(app);
  const before = smtp.mails.length;
  const replies = await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      agent.post(
        i % 3 === 0 ? '/signin' : i % 3 === 1 ? '/email/subscribe' : '/email/manage-link',
        { email: `victim+${i}@example.org`, kind: 'trending' },
        { 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` },
      ),
    ),
  );
  const counts = new Map<number, number>();
  for (const r of replies) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  assert.deepEqual([...counts.keys()].sort(), [200, 429], JSON.stringify([...counts]));
  assert.ok((counts.get(200) ?? 0) <= 20);
  // One mailbox, whatever the +tags: its own limit (3) holds within the global one.
  assert.ok(smtp.mails.length - before <= 3, `${smtp.mails.length - before} mails`);
});
