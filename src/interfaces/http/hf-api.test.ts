/**
 * The Hugging Face-compatible routes beyond the day-by-day diff (hf-contract.test.ts): paging
 * (p, limit, X-Total-Count, Link rel="next"), week and month, submitter (Hugging Face's and this
 * instance's), sort=trending, bad dates as 400, the flat paper of `paper_info`, and Markdown.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { fixture } from '../../../test/replay-server.ts';
import { parseHfDailyPapers } from '../../adapters/sources/hf/hf-daily-parser.ts';
import { refreshTrending, trendingScore } from '../../core/community/trending.ts';
import { createApp } from './app.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;
type Entry = { paper: Record<string, unknown> & { id: string; upvotes: number } } & Record<
  string,
  unknown
>;

before(async () => {
  c = await createTestContainer();
  const records = parseHfDailyPapers(
    fixture('hf-daily/2026-08-21.json'),
    '2026-08-21',
    '2026-08-21T12:00:00.000Z',
  );
  await c.papers.upsertMany(records.flatMap((r) => ('paper' in r ? [r.paper] : [])));
  await c.papers.upsertMany([
    buildPaper({
      id: '2608.20001',
      title: 'Locally submitted',
      submittedAt: '2026-08-20T00:00:00Z',
    }),
  ]);
  const user = await c.community.users.create({
    id: 'u-local',
    email: 'ada@example.org',
    handle: 'ada',
    displayName: 'Ada L.',
    role: 'reader',
    createdAt: '2026-08-01T00:00:00Z',
  });
  await c.community.submissions.feature({
    paperId: '2608.20001',
    day: '2026-08-21',
    userId: user.id,
    at: '2026-08-21T09:30:00.000Z',
  });
  app = createApp(c);
});
after(() => c.dispose());

async function get(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { res, status: res.status, text: await res.text() };
}

test('daily_papers pages with p and limit, X-Total-Count and Link rel="next"', async () => {
  const all = JSON.parse(
    (await get('/api/daily_papers?date=2026-08-21&limit=100')).text,
  ) as Entry[];
  const total = all.length;
  assert.ok(total > 10);
  const first = await get('/api/daily_papers?date=2026-08-21&limit=4');
  assert.equal(first.res.headers.get('x-total-count'), String(total));
  const link = first.res.headers.get('link') ?? '';
  assert.match(
    link,
    /^<http:\/\/localhost[^>]*\/api\/daily_papers\?date=2026-08-21&limit=4&p=1>; rel="next"$/,
  );
  const next = new URL(link.slice(1, link.indexOf('>')));
  const second = JSON.parse((await get(`${next.pathname}${next.search}`)).text) as Entry[];
  assert.deepEqual(
    second.map((e) => e.paper.id),
    all.slice(4, 8).map((e) => e.paper.id),
  );
  const lastPage = Math.floor((total - 1) / 4);
  const last = await get(`/api/daily_papers?date=2026-08-21&limit=4&p=${lastPage}`);
  assert.equal(last.res.headers.get('link'), null, 'no next link on the last page');
  const past = await get(`/api/daily_papers?date=2026-08-21&limit=4&p=${lastPage + 1}`);
  assert.equal(past.text, '[]');
  const latest = JSON.parse((await get('/api/daily_papers?limit=100')).text) as Entry[];
  assert.equal(latest.length, total, 'no date: the latest featured day');
  for (const path of ['/api/daily_papers?week=2026-W34', '/api/daily_papers?month=2026-08']) {
    assert.equal(JSON.parse((await get(`${path}&limit=100`)).text).length, total, path);
  }
});

test('a bad date, week, month, limit, p or sort answers 400 with a JSON error naming it', async () => {
  for (const [query, field] of [
    ['date=2026-02-30', 'date'],
    ['date=yesterday', 'date'],
    ['week=2026-W99', 'week'],
    ['month=2026-13', 'month'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['p=-1', 'p'],
    ['p=1.5', 'p'],
    ['sort=random', 'sort'],
  ]) {
    const { status, text } = await get(`/api/daily_papers?${query}`);
    assert.equal(status, 400, query);
    const { error } = JSON.parse(text);
    assert.equal(error.code, 'invalid_input');
    assert.ok(error.message.includes(`${field}:`), `${query}: ${error.message}`);
    assert.equal(error.details.problems[0].field, field);
  }
});

test('submitter= narrows to a Hugging Face username or a local handle', async () => {
  const hf = JSON.parse(
    (await get('/api/daily_papers?date=2026-08-21&submitter=taesiri&limit=100')).text,
  ) as Entry[];
  assert.ok(hf.length > 0);
  assert.ok(hf.every((e) => (e.submittedBy as { name: string }).name === 'taesiri'));
  const local = JSON.parse(
    (await get('/api/daily_papers?date=2026-08-21&submitter=ada')).text,
  ) as Entry[];
  assert.deepEqual(
    local.map((e) => e.paper.id),
    ['2608.20001'],
  );
  const [entry] = local;
  assert.deepEqual(entry?.submittedBy, {
    _id: 'u-local',
    name: 'ada',
    fullname: 'Ada L.',
    type: 'user',
  });
  assert.equal(entry?.paper.submittedOnDailyAt, '2026-08-21T09:30:00.000Z');
  assert.equal(entry?.publishedAt, '2026-08-21T09:30:00.000Z', 'posted when it was submitted here');
  assert.equal((await get('/api/daily_papers?date=2026-08-21&submitter=nobody')).text, '[]');
});

test('sort=trending orders by the trending score, publishedAt by upvotes', async () => {
  await refreshTrending(c.community);
  const byUpvotes = JSON.parse(
    (await get('/api/daily_papers?date=2026-08-21&limit=100')).text,
  ) as Entry[];
  const upvotes = byUpvotes.map((e) => e.paper.upvotes);
  assert.deepEqual(
    upvotes,
    [...upvotes].sort((a, b) => b - a),
  );
  const trending = JSON.parse(
    (await get('/api/daily_papers?date=2026-08-21&limit=100&sort=trending')).text,
  ) as Entry[];
  const ids = trending.map((e) => e.paper.id);
  const inputs = new Map((await c.community.trending.inputs(ids)).map((i) => [i.paperId, i]));
  const asOf = new Date((await c.community.trending.asOf()) ?? '');
  const gravity = c.community.settings.trending.gravity;
  const scores = ids.map((id) => {
    const input = inputs.get(id);
    return input ? trendingScore(input, asOf, gravity) : 0;
  });
  assert.ok(scores.some((s) => s > 0));
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
  );
});

test('/api/papers/{id} is the flat paper huggingface_hub builds PaperInfo from', async () => {
  const { status, text } = await get('/api/papers/2608.19880v2');
  assert.equal(status, 200);
  const p = JSON.parse(text);
  // The fields PaperInfo reads, with Hugging Face's names and types.
  assert.equal(p.id, '2608.19880');
  assert.equal(typeof p.title, 'string');
  assert.equal(typeof p.summary, 'string');
  assert.equal(typeof p.upvotes, 'number');
  assert.equal(typeof p.numComments, 'number');
  assert.equal(p.comments, undefined, 'no string `comments` to overwrite the integer count');
  assert.equal(p.publishedAt, '2026-08-20T00:00:00.000Z');
  assert.equal(p.submittedOnDailyAt, '2026-08-21T00:00:00.000Z');
  assert.equal(p.submittedOnDailyBy.name, 'taesiri');
  assert.equal(p.discussionId, '6a87afc589e517cbfd75dbe0');
  assert.equal(p.organization.name, 'google');
  assert.equal(p.githubRepo, 'https://github.com/google-research/envharness');
  assert.equal(p.projectPage, 'https://envharness.com/');
  assert.equal(p.githubStars, 8);
  assert.match(p.ai_summary, /^EnvHarness/);
  assert.ok(Array.isArray(p.ai_keywords));
  assert.equal(p.isAuthorParticipating, false);
  assert.equal(p.authors.length, 17);
  for (const a of p.authors) {
    assert.equal(typeof a.name, 'string');
    assert.equal(typeof a.hidden, 'boolean');
    assert.match(a._id, /^[0-9a-f]{24}$/);
  }
  const local = JSON.parse((await get('/api/papers/2608.20001')).text);
  assert.deepEqual(Object.keys(local).sort(), [
    'authors',
    'id',
    'numComments',
    'publishedAt',
    'submittedOnDailyAt',
    'submittedOnDailyBy',
    'summary',
    'title',
    'upvotes',
  ]);
});

test('/papers/{id}.md and Accept: text/markdown answer the paper as Markdown', async () => {
  const md = await get('/papers/2608.19880.md');
  assert.equal(md.status, 200);
  assert.match(md.res.headers.get('content-type') ?? '', /^text\/markdown; charset=utf-8/);
  const lines = md.text.split('\n');
  assert.match(lines[0] ?? '', /^# EnvHarness/);
  assert.match(md.text, /\*\*Authors:\*\* [^\n]+, [^\n]+/);
  assert.match(md.text, /\[arXiv\]\(https:\/\/arxiv\.org\/abs\/2608\.19880\)/);
  assert.match(md.text, /\[Code\]\(https:\/\/github\.com\/google-research\/envharness\)/);
  assert.match(md.text, /\[paperboy\]\(http:\/\/localhost[^)]*\/papers\/2608\.19880\)/);
  assert.match(md.text, /## Abstract\n\n\S/);
  const negotiated = await get('/papers/2608.19880', { headers: { accept: 'text/markdown' } });
  assert.equal(negotiated.text, md.text);
  const html = await get('/papers/2608.19880');
  assert.match(html.res.headers.get('content-type') ?? '', /text\/html/);
  assert.match(html.res.headers.get('vary') ?? '', /Accept/);
  const missing = await get('/papers/2608.99999.md');
  assert.equal(missing.status, 404);
  assert.equal(JSON.parse(missing.text).error.code, 'paper_not_found');
  // A malformed percent escape is a client error (missing page or bad id), never a 500 from
  // decodeURIComponent's URIError.
  for (const path of ['/papers/%E0', '/papers/%zz.md', '/papers/2608.19880%']) {
    const bad = await get(path, { headers: { accept: 'text/markdown' } });
    assert.ok([400, 404].includes(bad.status), `${path}: ${bad.status}`);
  }
});
