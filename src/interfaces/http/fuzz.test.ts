/**
 * The fuzz probe, kept: fast-check generates 10,000 requests over every route of the app — hostile
 * path parameters, query strings, form, JSON and broken multipart bodies, as a stranger, a reader
 * and an admin (with valid CSRF tokens, so handlers are reached) — and none may answer 5xx or
 * throw. Seeded (PAPERBOY_FUZZ_SEED to replay a failure) and bounded in time; real SQLite, real
 * SMTP, arXiv replayed by a local server.
 */
import '../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper } from '../../../test/factories.ts';
import { recordedCall, startReplayServer } from '../../../test/replay-server.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { createAdmin } from '../../core/community/accounts.ts';
import { createApp } from './app.ts';

const RUNS = Number(process.env.PAPERBOY_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.PAPERBOY_FUZZ_SEED ?? 20261204);
const TIME_LIMIT_MS = 300_000;

let smtp: TestSmtpServer;
let arxiv: Awaited<ReturnType<typeof startReplayServer>>;
let c: TestContainer;
let app: ReturnType<typeof createApp>;
type Identity = { cookie: string; csrf: string };
const identities: Record<'stranger' | 'reader' | 'admin', Identity> = {
  stranger: { cookie: '', csrf: '' },
  reader: { cookie: '', csrf: '' },
  admin: { cookie: '', csrf: '' },
};
const known = { paper: '2608.40001', comment: 'x', user: 'x', collection: 'x' };

async function identity(email: string): Promise<Identity> {
  const agent = new WebAgent(app);
  await agent.signIn(email, smtp);
  await agent.get('/account');
  return { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), csrf: agent.csrf };
}

before(async () => {
  smtp = await startSmtpServer();
  const empty = recordedCall('arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.json');
  arxiv = await startReplayServer(() => ({ body: empty.body }));
  c = await createTestContainer({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      ARXIV_API_URL: `${arxiv.origin}/api/query`,
      ARXIV_REQUEST_INTERVAL_MS: '0',
      PAPERBOY_MAIL_PER_ADDRESS_HOUR: '100000',
      PAPERBOY_MAIL_GLOBAL_HOUR: '100000',
      PAPERBOY_API_PER_IP_MINUTE: '0',
      PAPERBOY_PASSWORD_TRIES_PER_IP: '0',
    },
  });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-21', 5, { id: known.paper, title: 'Attention is all' }),
    buildFeaturedPaper('2026-08-20', 2, { id: 'hep-th/9901001', title: 'Strings' }),
  ]);
  app = createApp(c);
  await createAdmin(c.community, 'root@example.org');
  identities.admin = await identity('root@example.org');
  identities.reader = await identity('reader@example.org');
  const reader = await c.community.users.getByEmail('reader@example.org');
  known.user = reader?.id ?? 'x';
  // A comment and a collection to aim at.
  const post = (path: string, fields: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: identities.reader.csrf, ...fields }),
      headers: {
        cookie: identities.reader.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
  await post('/comments', { paperId: known.paper, body: 'first!' });
  await post('/collections', { name: 'Reading list', description: 'd' });
  const comment = await c.community.comments.listForPaper(known.paper);
  known.comment = comment[0]?.id ?? 'x';
  const lists = await c.community.collections.listByUser(known.user, true);
  known.collection = lists[0]?.id ?? 'x';
});
after(async () => {
  await c?.dispose();
  await arxiv?.close();
  await smtp?.close();
});

/** Values that broke parsers before: numbers out of range, ids, dates, controls, markup, SQL. */
const nasty = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1e19',
    'NaN',
    '9'.repeat(40),
    '2608.40001',
    'hep-th/9901001',
    '2026-08-21',
    '2026-W34',
    '2026-08',
    'cs.*',
    Array.from({ length: 600 }, () => 'cs').join(','),
    '/\t/evil.example/',
    '/a\r\nSet-Cookie: x=1',
    '\u0000',
    '\u000b',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '"unclosed',
    'author:',
    'year:99999-0',
    '%',
    '%E0%A4%A',
    '../../etc/passwd',
    'a'.repeat(5000),
    '\ud800',
    'javascript:alert(1)',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
);

const QUERY_KEYS = [
  'q',
  'p',
  'page',
  'limit',
  'cat',
  'author',
  'year',
  'from',
  'to',
  'sort',
  'mode',
  'next',
  'date',
  'week',
  'month',
  'period',
  'token',
  'kind',
  'paper',
  'welcome',
  'submitter',
];
const FORM_KEYS = [
  'email',
  'password',
  'currentPassword',
  'paper',
  'paperId',
  'value',
  'body',
  'text',
  'name',
  'description',
  'collectionId',
  'next',
  'kind',
  'query',
  'cadence',
  'timeZone',
  'action',
  'subscriptionId',
  'reason',
  'role',
  'handle',
  'displayName',
  'token',
  'visibility',
];

const routes = () =>
  [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))]
    // Requests that end the signed-in identities' sessions are fuzzed as strangers only.
    .map((line) => {
      const [method = 'GET', path = '/'] = line.split(' ');
      return { method, path };
    });

function requestArb() {
  const table = routes();
  const param = fc.oneof(
    nasty,
    fc.constantFrom(known.paper, known.comment, known.user, known.collection, 'feed.rss', 'x.json'),
  );
  const body = fc.oneof(
    fc.dictionary(fc.constantFrom(...FORM_KEYS), nasty, { maxKeys: 5 }).map((fields) => ({
      type: 'form' as const,
      fields,
    })),
    fc.dictionary(fc.constantFrom(...FORM_KEYS), nasty, { maxKeys: 4 }).map((fields) => ({
      type: 'json' as const,
      fields,
    })),
    fc
      .string({ unit: 'binary', maxLength: 200 })
      .map((raw) => ({ type: 'multipart' as const, raw })),
  );
  return fc.record({
    route: fc.constantFrom(...table),
    params: fc.array(param, { minLength: 3, maxLength: 3 }),
    rawParams: fc.boolean(),
    otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'), {
      freq: 8,
    }),
    query: fc.dictionary(fc.constantFrom(...QUERY_KEYS), nasty, { maxKeys: 4 }),
    body,
    who: fc.constantFrom('stranger', 'reader', 'admin'),
    accept: fc.constantFrom('text/html', 'application/json', '*/*', ''),
    csrf: fc.boolean(),
  });
}

type Generated = ReturnType<typeof requestArb> extends fc.Arbitrary<infer T> ? T : never;

function toRequest(g: Generated): { path: string; init: RequestInit } {
  let i = 0;
  const path = g.route.path.replace(/:[a-z]+/g, () => {
    // Lone surrogates cannot be percent-encoded; a client sends U+FFFD for them.
    const value = (g.params[i++ % g.params.length] ?? 'x').replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    );
    return g.rawParams ? value.replace(/[/?#%\s]/g, '') || 'x' : encodeURIComponent(value);
  });
  const qs = new URLSearchParams(g.query).toString();
  const method = g.otherMethod ?? g.route.method;
  const ends = /^\/(signout|account\/password)/.test(g.route.path);
  const who = ends ? identities.stranger : identities[g.who as keyof typeof identities];
  const headers: Record<string, string> = {};
  if (who.cookie) headers.cookie = who.cookie;
  if (g.accept) headers.accept = g.accept;
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const fields = {
      ...(g.csrf ? { _csrf: who.csrf } : {}),
      ...(g.body.type === 'multipart' ? {} : g.body.fields),
    };
    if (g.body.type === 'form') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(fields).toString();
    } else if (g.body.type === 'json') {
      headers['content-type'] = 'application/json';
      if (g.csrf && who.csrf) headers['x-csrf-token'] = who.csrf;
      body = JSON.stringify(fields);
    } else {
      headers['content-type'] = 'multipart/form-data; boundary=xyz';
      body = g.body.raw;
    }
  }
  return { path: `${path}${qs ? `?${qs}` : ''}`, init: { method, headers, body } };
}

test(`${RUNS} generated requests over every route: no 5xx, no crash`, async () => {
  let runs = 0;
  const statuses = new Map<number, number>();
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(requestArb(), async (g) => {
      const { path, init } = toRequest(g);
      const res = await app.request(path, init);
      const text = await res.text();
      runs++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) {
        process.stdout.write(`# ${text.slice(0, 300)}\n`);
        const last = c.logs.entries.filter((e) => e.level === 'error').at(-1);
        assert.fail(
          `${init.method} ${path.slice(0, 200)} → ${res.status}: ${JSON.stringify(last)}`,
        );
      }
    }),
    {
      seed: SEED,
      numRuns: RUNS,
      interruptAfterTimeLimit: TIME_LIMIT_MS,
      markInterruptAsFailure: true,
      endOnFailure: true,
    },
  );
  const errors = c.logs.entries.filter((e) => e.level === 'error');
  assert.deepEqual(
    errors.map((e) => e.msg),
    [],
    'nothing logged as a server error',
  );
  const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  process.stdout.write(
    `fuzz: ${runs} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}: ${summary.join(' ')}\n`,
  );
  assert.ok(runs >= RUNS);
});
