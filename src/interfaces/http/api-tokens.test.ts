/**
 * API tokens over HTTP, in-process: made on /account (shown once), used as Bearer tokens on the
 * JSON write endpoints without CSRF, refused with 401/403 when unknown, revoked, expired or of the
 * wrong scope; never accepted as a cookie, nor a cookie as a token; sessions keep their CSRF check.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { type ReplayServer, recordedCall, startReplayServer } from '../../../test/replay-server.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { fixedClock } from '../../core/clock.ts';
import { createApp } from './app.ts';

const clock = fixedClock('2026-08-22T12:00:00Z');
let smtp: TestSmtpServer;
let c: TestContainer;
let app: ReturnType<typeof createApp>;
let ada: WebAgent;
let arxiv: ReplayServer;
const quant = recordedCall('arxiv-atom/id_quant-ph_0201082v1_s0_m100_86989fe779ef.json');
const empty = recordedCall('arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.json');

before(async () => {
  smtp = await startSmtpServer();
  arxiv = await startReplayServer((url) =>
    url.searchParams.get('id_list') === 'quant-ph/0201082'
      ? { body: quant.body }
      : { body: empty.body },
  );
  c = await createTestContainer({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: 'false',
      ARXIV_API_URL: `${arxiv.origin}/api/query`,
      ARXIV_REQUEST_INTERVAL_MS: '0',
    },
    clock,
  });
  await c.papers.upsertMany([
    buildPaper({ id: '2608.20001', title: 'Tokens and agents' }),
    buildPaper({ id: 'hep-th/9901001', title: 'Old style paper' }),
  ]);
  app = createApp(c);
  ada = new WebAgent(app);
  await ada.signIn('ada@example.org', smtp);
});
after(async () => {
  await c.dispose();
  await smtp.close();
  await arxiv.close();
});

/** Creates a token on /account and returns it as shown there (once). */
async function makeToken(agent: WebAgent, fields: Record<string, string>): Promise<string> {
  await agent.get('/account');
  const page = await agent.post('/account/tokens', fields);
  assert.equal(page.status, 200, page.text);
  assert.match(page.headers.get('cache-control') ?? '', /\bno-store\b/);
  const secret = page.text.match(/<code class="secret" data-token="?[^>]*>(pb_[\w-]+)</)?.[1];
  assert.ok(secret, 'the new token is shown');
  return secret;
}

function call(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return app.request(path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

test('a token is created on /account, shown once, listed with its last use, and revoked there', async () => {
  const secret = await makeToken(ada, { name: 'laptop', scope: 'read', expiresInDays: '30' });
  const again = await ada.get('/account');
  assert.ok(!again.text.includes(secret), 'never shown again');
  assert.match(again.text, /<td>laptop<\/td>\s*<td>read<\/td>/);
  assert.match(again.text, new RegExp(`<code>${secret.slice(0, 7)}…</code>`));
  assert.match(again.text, /<td>never<\/td>/, 'not used yet');

  const me = await call('/api/v1/me', { token: secret });
  assert.equal(me.status, 200);
  assert.deepEqual(await me.json(), {
    id: (await c.community.users.getByEmail('ada@example.org'))?.id,
    handle: 'ada',
    displayName: 'ada',
    role: 'reader',
    auth: { via: 'token', scope: 'read' },
  });
  assert.match((await ada.get('/account')).text, /<td>2026-08-22 12:00<\/td>\s*<td>expires/);

  const id = (
    await c.community.apiTokens.listByUser(
      me ? ((await c.community.users.getByHandle('ada'))?.id ?? '') : '',
    )
  )[0]?.id;
  const revoked = await ada.post(`/account/tokens/${id}/revoke`, {});
  assert.equal(revoked.status, 303);
  const refused = await call('/api/v1/me', { token: secret });
  assert.equal(refused.status, 401);
  assert.match(refused.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  assert.match((await errorOf(refused)).message, /revoked on 2026-08-22/);
  assert.match((await ada.get('/account')).text, /revoked 2026-08-22/);
});

test('bad token forms are refused on the form, and another user cannot revoke', async () => {
  await ada.get('/account');
  const empty = await ada.post('/account/tokens', { name: '', scope: 'write' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /a token name has 1 to 60 characters/);
  const scope = await ada.post('/account/tokens', { name: 'x', scope: 'root' });
  assert.equal(scope.status, 400);
  assert.match(scope.text, /scope must be read or write/);
  const days = await ada.post('/account/tokens', {
    name: 'x',
    scope: 'read',
    expiresInDays: 'soon',
  });
  assert.equal(days.status, 400);
  const secret = await makeToken(ada, { name: 'mine', scope: 'read' });
  const bob = new WebAgent(app);
  await bob.signIn('bob@example.org', smtp);
  await bob.get('/account');
  const [token] = await c.community.apiTokens.listByUser(
    (await c.community.users.getByHandle('ada'))?.id ?? '',
  );
  const steal = await bob.post(`/account/tokens/${token?.id}/revoke`, {});
  assert.equal(steal.status, 404);
  assert.equal((await call('/api/v1/me', { token: secret })).status, 200);
});

test('write endpoints with a write token need no CSRF; a read token gets 403', async () => {
  const write = await makeToken(ada, { name: 'agent', scope: 'write' });
  const read = await makeToken(ada, { name: 'reader', scope: 'read' });

  const up = await call('/api/v1/papers/2608.20001/upvote', { method: 'POST', token: write });
  assert.equal(up.status, 200);
  assert.deepEqual(await up.json(), { paperId: '2608.20001', voted: true, upvotes: 1 });
  const twice = await call('/api/v1/papers/2608.20001v2/upvote', { method: 'POST', token: write });
  assert.deepEqual(await twice.json(), { paperId: '2608.20001', voted: true, upvotes: 1 });
  const old = await call('/api/v1/papers/hep-th%2F9901001/upvote', {
    method: 'POST',
    token: write,
  });
  assert.deepEqual(await old.json(), { paperId: 'hep-th/9901001', voted: true, upvotes: 1 });
  const down = await call('/api/v1/papers/2608.20001/upvote', { method: 'DELETE', token: write });
  assert.deepEqual(await down.json(), { paperId: '2608.20001', voted: false, upvotes: 0 });

  const denied = await call('/api/v1/papers/2608.20001/upvote', { method: 'POST', token: read });
  assert.equal(denied.status, 403);
  assert.equal((await errorOf(denied)).code, 'token_scope');
  assert.match(denied.headers.get('www-authenticate') ?? '', /insufficient_scope/);

  const posted = await call('/api/v1/papers/2608.20001/comments', {
    method: 'POST',
    token: write,
    body: { body: 'Nice **result**.' },
  });
  assert.equal(posted.status, 201);
  const comment = (await posted.json()) as { id: string; body: string; author: { handle: string } };
  assert.equal(comment.body, 'Nice **result**.');
  assert.equal(comment.author.handle, 'ada');
  clock.advance(1000);
  const reply = await call('/api/v1/papers/2608.20001/comments', {
    method: 'POST',
    token: write,
    body: { body: 'Agreed.', parentId: comment.id },
  });
  assert.equal(reply.status, 201);
  const thread = await call('/api/v1/papers/2608.20001/comments');
  assert.equal(thread.headers.get('x-total-count'), '2');
  const listed = (await thread.json()) as { parentId: string | null }[];
  assert.deepEqual(
    listed.map((x) => x.parentId),
    [null, comment.id],
  );
  for (const bad of [{ body: '' }, { body: 'x'.repeat(10_001) }, { text: 'wrong field' }]) {
    const res = await call('/api/v1/papers/2608.20001/comments', {
      method: 'POST',
      token: write,
      body: bad,
    });
    assert.equal(res.status, 400, JSON.stringify(bad));
  }
  const missing = await call('/api/v1/papers/2608.99999/comments', {
    method: 'POST',
    token: write,
    body: { body: 'hello' },
  });
  assert.equal(missing.status, 404);
});

test('collections and subscriptions through the API', async () => {
  const write = await makeToken(ada, { name: 'collector', scope: 'write' });
  const read = await makeToken(ada, { name: 'peek', scope: 'read' });
  const made = await call('/api/v1/collections', {
    method: 'POST',
    token: write,
    body: { name: 'Reading list', description: 'for Friday' },
  });
  assert.equal(made.status, 201);
  const collection = (await made.json()) as { id: string; public: boolean; url: string };
  assert.equal(collection.public, false);
  assert.equal(collection.url, `http://localhost:0/collections/${collection.id}`);
  const added = await call(`/api/v1/collections/${collection.id}/papers`, {
    method: 'POST',
    token: write,
    body: { paper: 'https://arxiv.org/abs/2608.20001v1', note: 'read §3' },
  });
  assert.equal(added.status, 200);
  assert.equal(((await added.json()) as { note: string }).note, 'read §3');
  await call(`/api/v1/collections/${collection.id}/papers`, {
    method: 'POST',
    token: write,
    body: { paper: 'hep-th/9901001' },
  });

  const mine = await call('/api/v1/collections', { token: read });
  assert.equal(mine.headers.get('x-total-count'), '1');
  const privateOne = await call(`/api/v1/collections/${collection.id}`, { token: read });
  assert.equal(privateOne.status, 200);
  const detail = (await privateOne.json()) as { items: { paperId: string }[] };
  assert.deepEqual(detail.items.map((i) => i.paperId).sort(), ['2608.20001', 'hep-th/9901001']);
  assert.equal((await call(`/api/v1/collections/${collection.id}`)).status, 404, 'private');
  assert.equal((await call('/api/v1/collections?user=ada')).headers.get('x-total-count'), '0');
  assert.equal((await call('/api/v1/collections')).status, 401);

  const removed = await call(`/api/v1/collections/${collection.id}/papers/hep-th%2F9901001`, {
    method: 'DELETE',
    token: write,
  });
  assert.equal(removed.status, 204);
  const after1 = (await (
    await call(`/api/v1/collections/${collection.id}`, { token: read })
  ).json()) as {
    items: unknown[];
  };
  assert.equal(after1.items.length, 1);
  const notOwner = await makeToken(await bobAgent(), { name: 'b', scope: 'write' });
  const foreign = await call(`/api/v1/collections/${collection.id}/papers`, {
    method: 'POST',
    token: notOwner,
    body: { paper: '2608.20001' },
  });
  assert.equal(foreign.status, 404, 'a private collection does not exist for others');

  const sub = await call('/api/v1/subscriptions', {
    method: 'POST',
    token: write,
    body: { kind: 'author', query: 'Ada Lovelace', cadence: 'weekly' },
  });
  assert.equal(sub.status, 201);
  const s = (await sub.json()) as { id: string; status: string };
  assert.equal(s.status, 'active', 'the account address needs no confirmation');
  const subs = await call('/api/v1/subscriptions', { token: read });
  assert.equal(subs.headers.get('x-total-count'), '1');
  const bad = await call('/api/v1/subscriptions', {
    method: 'POST',
    token: write,
    body: { kind: 'author', query: '' },
  });
  assert.equal(bad.status, 400);
  assert.equal(
    (await call(`/api/v1/subscriptions/${s.id}`, { method: 'DELETE', token: notOwner })).status,
    404,
  );
  const cancelled = await call(`/api/v1/subscriptions/${s.id}`, { method: 'DELETE', token: write });
  assert.equal(((await cancelled.json()) as { status: string }).status, 'unsubscribed');
});

let bob: WebAgent | null = null;
async function bobAgent(): Promise<WebAgent> {
  if (!bob) {
    bob = new WebAgent(app);
    await bob.signIn('bob2@example.org', smtp);
  }
  return bob;
}

test('tokens and cookies never stand in for each other; sessions keep CSRF', async () => {
  const write = await makeToken(ada, { name: 'both', scope: 'write' });
  // A token in the session cookie is nobody.
  const asCookie = await app.request('/api/v1/me', { headers: { cookie: `pb_session=${write}` } });
  assert.equal(asCookie.status, 401);
  // The session cookie's value as a bearer token is refused.
  const session = ada.cookies.get('pb_session') ?? '';
  const asBearer = await call('/api/v1/me', { token: session });
  assert.equal(asBearer.status, 401, 'not a pb_ token: ignored on a read, so nobody');
  assert.equal((await errorOf(asBearer)).code, 'unauthorized');
  const prefixed = await call('/api/v1/me', { token: `pb_${session}` });
  assert.equal((await errorOf(prefixed)).code, 'token_invalid');
  // A token on a page is refused; pages use the cookie.
  const page = await call('/account', { token: write });
  assert.equal(page.status, 401);
  const form = await app.request('/vote', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${write}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'paper=2608.20001',
  });
  assert.equal(form.status, 401);
  // With a token the cookie is ignored: the token decides who and what.
  const read = await makeToken(ada, { name: 'r', scope: 'read' });
  const mixed = await ada.request('/api/v1/papers/2608.20001/upvote', {
    method: 'POST',
    headers: { authorization: `Bearer ${read}`, 'x-csrf-token': ada.csrf },
  });
  assert.equal(mixed.status, 403);
  // A session writes through the JSON API with its CSRF token, and not without.
  const noCsrf = await ada.request('/api/v1/papers/2608.20001/upvote', { method: 'POST' });
  assert.equal(noCsrf.status, 403);
  await ada.get('/account');
  const withCsrf = await ada.request('/api/v1/papers/2608.20001/upvote', {
    method: 'POST',
    headers: { 'x-csrf-token': ada.csrf },
  });
  assert.equal(withCsrf.status, 200, withCsrf.text);
  // Foreign tokens (huggingface_hub sends hf_…) are ignored on reads, refused on writes.
  const hf = await call('/api/papers/2608.20001', { token: 'hf_abcdefghijklmnop' });
  assert.equal(hf.status, 200);
  const hfWrite = await call('/api/v1/papers/2608.20001/upvote', {
    method: 'POST',
    token: 'hf_abcdefghijklmnop',
  });
  assert.equal(hfWrite.status, 401);
  // No token at all: 401 with a challenge.
  const anonymous = await call('/api/v1/papers/2608.20001/upvote', { method: 'POST' });
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="paperboy"');
  assert.equal((await call('/api/v1/me')).status, 401);
});

test('an expired token is refused with its date', async () => {
  const secret = await makeToken(ada, { name: 'short', scope: 'read', expiresInDays: '1' });
  assert.equal((await call('/api/v1/me', { token: secret })).status, 200);
  clock.advance(2 * 86_400_000);
  const res = await call('/api/v1/me', { token: secret });
  assert.equal(res.status, 401);
  assert.match((await errorOf(res)).message, /expired on 2026-08-23/);
});

test('POST /api/papers/index fetches a paper from arXiv (replayed) and stores it, with a write token', async () => {
  const write = await makeToken(ada, { name: 'indexer', scope: 'write' });
  const read = await makeToken(ada, { name: 'indexer-r', scope: 'read' });
  const body = { arxivId: 'quant-ph/0201082v1' };
  assert.equal((await call('/api/papers/index', { method: 'POST', body })).status, 401);
  assert.equal(
    (await call('/api/papers/index', { method: 'POST', token: read, body })).status,
    403,
  );
  const before = arxiv.requests.length;
  const res = await call('/api/papers/index', { method: 'POST', token: write, body });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {});
  assert.equal(arxiv.requests.length, before + 1);
  assert.match((await c.papers.get('quant-ph/0201082'))?.title ?? '', /Quantum Computers/);
  const info = await call('/api/papers/quant-ph/0201082');
  assert.equal(info.status, 200, 'then served like any stored paper');
  const again = await call('/api/papers/index', { method: 'POST', token: write, body });
  assert.equal(again.status, 200);
  assert.equal(arxiv.requests.length, before + 1, 'a stored paper is not fetched again');
  const unknown = await call('/api/papers/index', {
    method: 'POST',
    token: write,
    body: { arxivId: '2401.99999' },
  });
  assert.equal(unknown.status, 404);
  const invalid = await call('/api/papers/index', {
    method: 'POST',
    token: write,
    body: { arxivId: 'not an id' },
  });
  assert.equal(invalid.status, 400);
  const noBody = await app.request('/api/papers/index', {
    method: 'POST',
    headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
    body: '{"arxivId": ',
  });
  assert.equal(noBody.status, 400);
});
