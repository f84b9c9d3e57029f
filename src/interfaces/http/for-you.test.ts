/**
 * For you over HTTP, in-process: a BibTeX upload on the account page reports what matched and
 * what was skipped; /for-you ranks the newest papers with why; "Not interested" hides a paper and
 * changes the next ranking, undone on the account page; the private feed needs its secret key;
 * the JSON API does the same with a token; bad files store nothing; signed out gets nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { LIBRARY_BIBTEX, WORLD } from '../../../test/fixtures/for-you-world.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { fixedClock } from '../../core/clock.ts';
import { createApp } from './app.ts';

let smtp: TestSmtpServer;
let c: TestContainer;
let app: ReturnType<typeof createApp>;
let ada: WebAgent;

before(async () => {
  smtp = await startSmtpServer();
  c = await createTestContainer({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' },
    clock: fixedClock('2026-08-22T12:00:00Z'),
  });
  await c.papers.upsertMany(WORLD);
  app = createApp(c);
  ada = new WebAgent(app);
  await ada.signIn('ada@example.org', smtp);
});
after(async () => {
  await c.dispose();
  await smtp.close();
});

/** Paper ids listed on a For-you page, in order. */
const listed = (html: string) =>
  [...(html.split('id="for-you-list"')[1] ?? '').matchAll(/data-paper-id="([^"]+)"/g)]
    .map((m) => m[1] as string)
    .filter((id, i, all) => all.indexOf(id) === i);

interface ForYouReply {
  coldStart: boolean;
  items: { paper: { id: string }; because: unknown[] }[];
}

async function upload(agent: WebAgent, text: string, name = 'library.bib') {
  await agent.get('/account');
  const form = new FormData();
  form.set('_csrf', agent.csrf);
  form.set('file', new File([text], name, { type: 'application/x-bibtex' }));
  return agent.request('/account/library', { method: 'POST', body: form });
}

test('signed out: /for-you asks to sign in; the API answers 401', async () => {
  const visitor = new WebAgent(app);
  const page = await visitor.get('/for-you');
  assert.equal(page.status, 303);
  assert.match(page.location ?? '', /^\/signin\?next=\/for-you/);
  assert.equal((await visitor.get('/api/v1/for-you')).status, 401);
});

test('empty library: onboarding above a list ranked by picks and upvotes, never empty', async () => {
  const page = await ada.get('/for-you');
  assert.equal(page.status, 200);
  assert.match(page.text, /Tell For you what you read/);
  assert.ok(listed(page.text).length > 0);
  assert.equal(listed(page.text)[0], '2608.30004', 'most upvoted first at cold start');
  const picked = await ada.post('/for-you/interests', { category: 'cs.RO' });
  assert.equal(picked.status, 303);
  assert.equal((await c.recs.library.settings((await me()).id)).interests[0], 'cs.RO');
  const bad = await ada.post('/for-you/interests', { category: 'not a category!' });
  assert.equal(bad.status, 400);
});

async function me() {
  const user = await c.community.users.getByEmail('ada@example.org');
  assert.ok(user);
  return user;
}

test('a broken or empty file: a clear error and nothing stored', async () => {
  for (const text of ['@article{broken, title = {x', 'hello world, not a library']) {
    const res = await upload(ada, text);
    assert.equal(res.status, 400, res.text.slice(0, 300));
    assert.match(res.text, /Nothing was stored/);
  }
  assert.equal((await c.recs.library.library((await me()).id)).length, 0);
});

test('import → For you with why → not interested → changed ranking → undo', async () => {
  const report = await upload(ada, LIBRARY_BIBTEX);
  assert.equal(report.status, 200, report.text.slice(0, 500));
  assert.match(report.text, /4 entries read as bibtex: 3 matched, 0 fetched from arXiv, 1 skipped/);
  assert.match(report.text, /by arxiv/);
  assert.match(report.text, /by doi/);
  assert.match(report.text, /by title/);

  const first = await ada.get('/for-you');
  const before = listed(first.text);
  assert.doesNotMatch(first.text, /Tell For you what you read/, 'no onboarding with a library');
  assert.deepEqual(before.slice(0, 4).sort(), [
    '2608.30001',
    '2608.30002',
    '2608.30003',
    '2608.30006',
  ]);
  assert.match(first.text, /Because you saved <a href="\/papers\/2608\.001/);
  // Message passing on molecular dynamics is not for this reader: the paper goes, and the one
  // most like it (30001, message passing on molecules) drops below a paper unlike it (30006).
  const top = '2608.30003';
  assert.ok(before.indexOf('2608.30001') < before.indexOf('2608.30006'));

  const hide = await ada.post('/for-you/mark', {
    paper: top,
    mark: 'not-interested',
    next: '/for-you',
  });
  assert.equal(hide.status, 303);
  const second = await ada.get(hide.location ?? '/for-you');
  const afterIds = listed(second.text);
  assert.ok(!afterIds.includes(top), 'the hidden paper is gone');
  assert.ok(afterIds.indexOf('2608.30001') > afterIds.indexOf('2608.30006'), 'ranking changed');
  assert.match(second.text, /Not interested: papers like it now rank lower/);
  const account = await ada.get('/account');
  assert.match(account.text, new RegExp(`data-paper-id="${top.replace('.', '\\.')}"`));

  const undo = await ada.post('/for-you/unmark', { paper: top, next: '/account#for-you' });
  assert.equal(undo.status, 303);
  assert.deepEqual(listed((await ada.get('/for-you')).text), before, 'undone: the ranking is back');
});

test('more like this collection: ranked from that collection only; others’ private ones are 404', async () => {
  await ada.get('/collections');
  const made = await ada.post('/collections', { name: 'Drug papers', description: '' });
  const id = made.location?.split('/').pop() ?? '';
  await ada.post('/collections/add', { collection: id, paper: '2608.00103' });
  const page = await ada.get(`/collections/${id}`);
  assert.match(page.text, new RegExp(`href="/for-you\\?collection=${id}"`));
  const more = await ada.get(`/for-you?collection=${id}`);
  assert.equal(more.status, 200);
  assert.match(more.text, /More like “Drug papers”/);
  assert.equal(listed(more.text)[0], '2608.30002', 'pretraining for drug discovery first');
  const stranger = new WebAgent(app);
  await stranger.signIn('bob@example.org', smtp);
  assert.equal((await stranger.get(`/for-you?collection=${id}`)).status, 404);
});

test('the private feed needs its key; the API ranks, marks and imports with a token', async () => {
  const page = await ada.get('/for-you');
  const feed = page.text.match(/href="(\/feeds\/for-you\/[^"]+)\.rss"/)?.[1];
  assert.ok(feed);
  const rss = await new WebAgent(app).get(`${feed}.rss`);
  assert.equal(rss.status, 200);
  assert.match(rss.headers.get('cache-control') ?? '', /private/);
  assert.match(rss.text, /<rss/);
  assert.match(rss.text, /Because you saved/);
  const json = JSON.parse((await new WebAgent(app).get(`${feed}.json`)).text);
  assert.ok(json.items.length > 0);
  const wrong = await new WebAgent(app).get(`${feed.slice(0, -2)}xx.rss`);
  assert.equal(wrong.status, 404);

  await ada.get('/account');
  const made = await ada.post('/account/tokens', { name: 'recs', scope: 'write' });
  const token = made.text.match(/>(pb_[\w-]+)</)?.[1];
  assert.ok(token);
  const call = (path: string, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const got = (await (await call('/api/v1/for-you?days=7')).json()) as ForYouReply;
  assert.equal(got.coldStart, false);
  const topId = got.items[0]?.paper.id;
  assert.ok(topId && (got.items[0]?.because.length ?? 0) > 0);
  const put = await call(`/api/v1/for-you/marks/${topId}`, {
    method: 'PUT',
    body: JSON.stringify({ mark: 'not-interested' }),
  });
  assert.equal(put.status, 200);
  const again = (await (await call('/api/v1/for-you?days=7')).json()) as ForYouReply;
  assert.ok(!again.items.some((i) => i.paper.id === topId));
  assert.equal((await call(`/api/v1/for-you/marks/${topId}`, { method: 'DELETE' })).status, 204);
  const bad = await call('/api/v1/for-you/marks/2608.30001', {
    method: 'PUT',
    body: JSON.stringify({ mark: 'love' }),
  });
  assert.equal(bad.status, 400);
  const missing = await call('/api/v1/for-you/marks/2608.99999', {
    method: 'PUT',
    body: JSON.stringify({ mark: 'more' }),
  });
  assert.equal(missing.status, 404);
  const imported = await call('/api/v1/library/import', {
    method: 'POST',
    body: JSON.stringify({ text: '2608.30005' }),
  });
  assert.equal(imported.status, 200);
  const report = (await imported.json()) as { matched: { paperId: string }[] };
  assert.equal(report.matched[0]?.paperId, '2608.30005');
});

test('follow an author or a topic: their papers come first, with the reason', async () => {
  const author = await ada.get('/authors/Alan%20Turing');
  assert.match(author.text, /Follow in For you/);
  const followed = await ada.post('/account/follow', {
    kind: 'author',
    label: 'Alan Turing',
    next: '/authors/Alan%20Turing',
  });
  assert.equal(followed.status, 303);
  const page = await ada.get('/for-you');
  assert.match(page.text, /You follow Alan Turing/);
  assert.match((await ada.get('/account')).text, /author: Alan Turing/);
  assert.equal((await ada.post('/account/follow', { kind: 'author', label: ' ' })).status, 400);

  // A topic (a search) followed from the search page: papers holding its words come first.
  assert.match((await ada.get('/search?q=drug%20discovery')).text, /Follow in For you/);
  await ada.post('/account/follow', { kind: 'topic', label: 'drug discovery', next: '/for-you' });
  const withTopic = await ada.get('/for-you');
  assert.match(withTopic.text, /You follow Alan Turing, “drug discovery”/);
  assert.deepEqual(listed(withTopic.text).slice(0, 2).sort(), ['2608.30002', '2608.30006']);
  await ada.post('/account/unfollow', { kind: 'topic', value: 'drug discovery' });
});

test('export and delete one’s own For-you data', async () => {
  const exported = await ada.get('/account/for-you-data');
  assert.equal(exported.status, 200);
  const data = JSON.parse(exported.text);
  assert.ok(data.library.length >= 3);
  assert.equal(data.follows[0]?.label, 'Alan Turing');
  await ada.get('/account');
  const del = await ada.post('/account/for-you-data/delete', {});
  assert.equal(del.status, 303);
  const user = await me();
  assert.equal((await c.recs.library.exportAll(user.id)).feedback.length, 0);
  assert.equal(
    (await c.recs.library.library(user.id)).filter((e) => e.source === 'bibtex').length,
    0,
  );
});
