import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../../test/factories.ts';
import { HashEmbedder } from '../../../../test/hash-embedder.ts';
import { embedPending } from '../../../core/embeddings/embed-papers.ts';
import { createApp } from '../app.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;
const embedder = new HashEmbedder();

before(async () => {
  // The hash stand-in's cosines are low (a synonym among a dozen words): its own threshold.
  c = await createTestContainer({ embedder, env: { PAPERBOY_MEANING_THRESHOLD: '0.3' } });
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-20', 40, {
      id: '2608.00001',
      title: 'Self-driving car perception with transformers',
      abstract: 'Perception for autonomous car driving using transformer models and lidar.',
      categories: ['cs.CV'],
      submittedAt: '2026-08-18T00:00:00Z',
    }),
    buildPaper({
      id: '2608.00002',
      title: 'Vehicle routing at scale',
      abstract: 'Automobile fleets and vehicle routing problems solved with integer programming.',
      categories: ['math.OC'],
      submittedAt: '2026-08-10T00:00:00Z',
    }),
    buildPaper({
      id: '2608.00003',
      title: 'Language models <b>for</b> code & tests',
      abstract: 'Large language models write code and tests.',
      categories: ['cs.SE'],
      submittedAt: '2026-07-01T00:00:00Z',
    }),
  ]);
  await c.embeddingQueue.enqueue(['2608.00001', '2608.00002', '2608.00003']);
  const r = await embedPending({
    queue: c.embeddingQueue,
    papers: c.papers,
    embedder,
    vectors: c.search.vectors as NonNullable<typeof c.search.vectors>,
    log: c.log,
  });
  assert.equal(r.embedded, 3);
  app = createApp(c);
});
after(() => c.dispose());

async function get(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { status: res.status, text: await res.text(), res };
}

test('the search page shows highlighted results, why they matched, and facets', async () => {
  const { status, text } = await get('/search?q=car+perception');
  assert.equal(status, 200);
  assert.match(text, /<mark>/);
  assert.match(text, /Keyword match|Keywords and meaning/);
  assert.match(text, /cs\.CV/);
  assert.match(text, /value="car perception"/, 'the header box keeps the query');
});

test('a meaning-only match is found and labelled', async () => {
  const { text } = await get('/search?q=vehicle');
  assert.ok(text.includes('2608.00001'), 'car paper found through the vehicle synonym');
  assert.match(text, /data-matched-by="semantic"/);
});

test('every page has a search box in the header', async () => {
  for (const path of ['/', '/papers/2608.00001', '/search']) {
    assert.match(
      (await get(path)).text,
      /<form class="search" method="get" action="\/search"/,
      path,
    );
  }
});

test('the paper page lists similar papers, and /papers/:id/similar has more', async () => {
  const paper = await get('/papers/2608.00001');
  assert.match(paper.text, /Similar papers/);
  const similar = await get('/papers/2608.00001/similar');
  assert.equal(similar.status, 200);
  assert.ok(similar.text.includes('Vehicle routing at scale'));
  const api = JSON.parse((await get('/api/papers/2608.00001/similar?limit=1')).text);
  assert.equal(api.length, 1);
  assert.notEqual(api[0].paper.id, '2608.00001');
});

test('search by a pasted abstract', async () => {
  const form = new URLSearchParams({ text: 'fleets of automobiles and routing' });
  const page = await get('/search/similar', { method: 'POST', body: form });
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('Vehicle routing at scale'));
  const api = await get('/api/papers/similar', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'language models that write code', limit: 2 }),
  });
  assert.equal(JSON.parse(api.text)[0].paper.id, '2608.00003');
});

test('the JSON API answers in the Hugging Face shape, with filters as parameters', async () => {
  const res = await get('/api/papers/search?q=code&limit=5');
  assert.equal(res.status, 200);
  const body = JSON.parse(res.text);
  assert.equal(body[0].paper.id, '2608.00003');
  assert.equal(body[0].title, 'Language models <b>for</b> code & tests');
  assert.ok(body[0].highlight.snippet.includes('<mark>code</mark>'));
  assert.ok(res.res.headers.get('x-total-count'));
  const filtered = JSON.parse(
    (await get('/api/papers/search?q=vehicle&cat=math.OC&mode=lexical')).text,
  );
  assert.deepEqual(
    filtered.map((e: { paper: { id: string } }) => e.paper.id),
    ['2608.00002'],
  );
  const byYear = JSON.parse((await get('/api/papers/search?q=&year=2026&sort=newest')).text);
  assert.equal(byYear[0].paper.id, '2608.00001');
});

test('arXiv ids jump to the paper', async () => {
  const res = await get('/search?q=https://arxiv.org/abs/2608.00002v1');
  assert.equal(res.status, 302);
  assert.equal(res.res.headers.get('location'), '/papers/2608.00002');
  const missing = await get('/search?q=2608.09999');
  assert.equal(missing.status, 200);
  assert.match(missing.text, /not in this paperboy yet/);
});

test('bad queries get a clear message, never a 500', async () => {
  const bad = [
    ['', 400],
    ['x'.repeat(20_480), 400],
    ['"unbalanced quote', 200],
    ['foo:bar', 400],
    ['NEAR( AND OR * ^ " :', 200],
    ['-', 400],
  ] as const;
  for (const [q, status] of bad) {
    const api = await get(`/api/papers/search?q=${encodeURIComponent(q)}`);
    assert.equal(api.status, status, `API ${q.slice(0, 20)}`);
    if (status === 400) {
      const error = JSON.parse(api.text).error;
      // Too long is refused by the request schema, the rest by the query parser.
      assert.equal(error.code, q.length > 250 ? 'invalid_input' : 'invalid_query');
      assert.ok(error.message.length > 20);
    }
    // The page answers as the API does, except that an empty query is the blank search form.
    const page = await get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(page.status, q === '' ? 200 : status, `page ${q.slice(0, 20)}`);
    if (page.status === 400) assert.match(page.text, /role="alert"|class="notice/);
  }
  assert.equal((await get('/api/papers/search?q=x&sort=random')).status, 400);
  assert.equal((await get('/api/papers/search?q=x&limit=1000')).status, 400);
  assert.equal((await get('/api/papers/search?q=x&year=twenty')).status, 400);
  assert.equal((await get('/api/papers/2608.99999/similar')).status, 404);
  assert.equal((await get('/api/papers/similar', { method: 'POST', body: 'nope' })).status, 415);
  const json = { 'content-type': 'application/json' };
  const malformed = await get('/api/papers/similar', {
    method: 'POST',
    body: 'nope',
    headers: json,
  });
  assert.equal(malformed.status, 400);
  assert.equal(JSON.parse(malformed.text).error.code, 'invalid_input');
  const noText = await get('/api/papers/similar', { method: 'POST', body: '{}', headers: json });
  assert.match(JSON.parse(noText.text).error.message, /text: the field is missing|text:/);
});

test('when the model is unavailable, search answers with keywords and says so', async () => {
  embedder.failing = true;
  try {
    const { status, text } = await get('/search?q=routing+problems+unseen');
    assert.equal(status, 200);
    assert.match(text, /Semantic search is unavailable/);
    assert.ok(text.includes('data-paper-id="2608.00002"'));
  } finally {
    embedder.failing = false;
  }
});
