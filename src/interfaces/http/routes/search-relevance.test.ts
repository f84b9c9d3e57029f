import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, storeEmbedded, type TestContainer } from '../../../../test/db.ts';
import { buildPaper } from '../../../../test/factories.ts';
import { HashEmbedder } from '../../../../test/hash-embedder.ts';
import { emptyCommunity } from '../../../core/papers/model.ts';
import { createApp } from '../app.ts';

// Honest counts, the relevance cut-off, author names, spelling and long texts, over real SQLite
// and real HTTP handling (in-process), with the deterministic stand-in embedder.
let c: TestContainer;
let app: ReturnType<typeof createApp>;
const embedder = new HashEmbedder();

const papers = [
  buildPaper({
    id: '2609.00001',
    title: 'Efficiently identifying task groupings with inter-task affinity',
    abstract:
      'Task affinity grouping decides which tasks to train together in multi-task learning.',
    authors: ['Chris Fifty', 'Ehsan Amid'],
    community: { ...emptyCommunity(), upvotes: 3 },
  }),
  buildPaper({
    id: '2609.00002',
    title: 'DrugGen 2: binding affinity, binding affinity everywhere',
    abstract: 'Binding affinity prediction for drug design; affinity of ligands and affinity maps.',
    authors: ['Ana Drug'],
    community: { ...emptyCommunity(), upvotes: 500 },
  }),
  buildPaper({
    id: '2609.00003',
    title: 'Self-correcting language models',
    abstract:
      'Language models that revise their own answers, with a study of transformer decoding.',
    authors: ['Chengsong Huang', 'Jiaxin Huang'],
    community: { ...emptyCommunity(), upvotes: 10 },
  }),
  buildPaper({
    id: '2609.00004',
    title: 'Curriculum reasoning for small models',
    abstract: 'A curriculum of reasoning problems improves small language models.',
    authors: ['Chengsong Huang'],
    community: { ...emptyCommunity(), upvotes: 1 },
  }),
  buildPaper({
    id: '2609.00005',
    title: 'Huang and Chen: a survey of chengsong-style river engineering',
    abstract: 'Hydraulic engineering of rivers.',
    authors: ['Wei Chen'],
    community: { ...emptyCommunity(), upvotes: 0 },
  }),
  buildPaper({
    id: '2609.00006',
    title: 'Transformer perception for cars',
    abstract: 'A transformer reads lidar for the car.',
    authors: ['Pat Car'],
    community: { ...emptyCommunity(), upvotes: 2 },
  }),
  buildPaper({
    id: '2609.00007',
    title: 'Autonomous vehicle fleets',
    abstract: 'Vehicle planning for automobile fleets; no attention models here.',
    authors: ['Lee Fleet'],
    community: { ...emptyCommunity(), upvotes: 900 },
  }),
];

before(async () => {
  // The stand-in hashes words into 64 buckets: a one-word query collides with a word of many
  // short papers at cosine 0.2–0.4, while the car synonym scores 0.49. Its threshold is 0.45.
  c = await createTestContainer({ embedder, env: { PAPERBOY_MEANING_THRESHOLD: '0.45' } });
  await storeEmbedded(c, papers, embedder);
  app = createApp(c);
});
after(() => c.dispose());

async function get(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { status: res.status, text: await res.text(), res };
}
const ids = (text: string) =>
  [...text.matchAll(/<li class="card" data-paper-id="([^"]+)"/g)].map((m) => m[1]);
const apiIds = async (path: string) =>
  (JSON.parse((await get(path)).text) as { paper: { id: string } }[]).map((e) => e.paper.id);

test('nonsense finds nothing: no results, zero counts, and a helpful page', async () => {
  const page = await get('/search?q=xqzvbnm+plorkt');
  assert.equal(page.status, 200);
  assert.deepEqual(ids(page.text), []);
  assert.match(page.text, /No papers match/);
  assert.match(page.text, /<q>xqzvbnm<\/q>/);
  assert.match(page.text, /Check the spelling/);
  const api = await get('/api/papers/search?q=xqzvbnm%20plorkt');
  assert.deepEqual(JSON.parse(api.text), []);
  assert.equal(api.res.headers.get('x-total-count'), '0');
});

test('a misspelt word gets a suggestion from the store’s own words', async () => {
  const page = await get('/search?q=affinitty');
  assert.match(page.text, /Did you mean <a href="\/search\?q=affinity">affinity<\/a>/);
});

test('papers with all the rare words come first; one that only shares one word goes below the boundary', async () => {
  const api = await get('/api/papers/search?q=task%20affinity%20grouping&mode=lexical');
  const found = JSON.parse(api.text) as { paper: { id: string }; tier: string }[];
  assert.deepEqual(
    found.map((e) => [e.paper.id, e.tier]),
    [
      ['2609.00001', 'words'],
      ['2609.00002', 'meaning'],
    ],
  );
  const page = await get('/search?q=task+affinity+grouping');
  assert.match(page.text, /<strong>1 paper<\/strong> matches/);
  assert.equal(ids(page.text)[0], '2609.00001');
});

test('sorting by upvotes sorts the relevant papers only', async () => {
  // The 900-upvote fleet paper is close in meaning to "car" (a synonym) but holds no "transformer".
  const found = await apiIds('/api/papers/search?q=transformer%20car&sort=upvotes');
  assert.equal(found[0], '2609.00006');
  assert.ok(!found.slice(0, 1).includes('2609.00007'));
  assert.ok(!found.includes('2609.00002'), 'the drug paper has neither word');
});

test('counts are the same in every mode, and the boundary is shown before meaning-only papers', async () => {
  const total = async (mode: string) =>
    (await get(`/api/papers/search?q=vehicle&mode=${mode}`)).res.headers.get('x-total-count');
  assert.equal(await total('lexical'), '1');
  const page = await get('/search?q=vehicle');
  assert.match(
    page.text,
    /<strong>1 paper<\/strong> matches your words · <strong>\d+<\/strong> more close in meaning/,
  );
  assert.match(page.text, /class="boundary"/);
  const order = ids(page.text);
  assert.equal(order[0], '2609.00007', 'the word match comes first');
  assert.ok(order.includes('2609.00006'), 'the car paper, by meaning, after the boundary');
});

test('an author’s name puts their papers first and offers author:', async () => {
  const page = await get('/search?q=Chengsong+Huang');
  const order = ids(page.text);
  assert.deepEqual(order.slice(0, 2).sort(), ['2609.00003', '2609.00004']);
  assert.match(page.text, /Papers by <strong>Chengsong Huang<\/strong> come first \(2 here\)/);
  assert.match(page.text, /href="\/search\?q=author%3A%22Chengsong%20Huang%22"/);
  const only = await apiIds('/api/papers/search?q=author:%22Chengsong%20Huang%22');
  assert.deepEqual(only.sort(), ['2609.00003', '2609.00004']);
});

test('the Hugging Face-shaped search keeps 250 characters; paperboy’s similar API takes long text', async () => {
  const long = 'transformer models for language and reasoning '.repeat(300).slice(0, 12_000);
  assert.equal(
    (await get(`/api/papers/search?q=${encodeURIComponent(long.slice(0, 300))}`)).status,
    400,
  );
  const res = await get('/api/papers/similar', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: long, limit: 3 }),
  });
  assert.equal(res.status, 200);
  const body = JSON.parse(res.text) as { paper: { id: string }; sharedTerms: string[] }[];
  assert.ok(body.length > 0);
  assert.ok(body.some((e) => e.sharedTerms.includes('transformer')));
  const tooLong = await get('/api/papers/similar', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'x '.repeat(15_000) }),
  });
  assert.equal(tooLong.status, 400);
  assert.match(JSON.parse(tooLong.text).error.message, /at most 20000 characters/);
});

test('similar papers page through the candidates, and say why each is similar', async () => {
  const first = await get('/api/papers/2609.00003/similar?limit=1&p=0');
  const second = await get('/api/papers/2609.00003/similar?limit=1&p=1');
  const [a] = JSON.parse(first.text) as {
    paper: { id: string };
    sharedTerms: string[];
    meaning: number;
  }[];
  const [b] = JSON.parse(second.text) as { paper: { id: string } }[];
  assert.ok(a && b && a.paper.id !== b.paper.id);
  assert.ok(Number(first.res.headers.get('x-total-count')) >= 2);
  assert.equal(a.paper.id, '2609.00004', 'shares "language models" and its author’s topic');
  assert.ok(a.sharedTerms.includes('models') || a.sharedTerms.includes('language'));
  assert.equal(typeof a.meaning, 'number');
  const page = await get('/papers/2609.00003/similar');
  assert.match(page.text, /Shares: /);
  assert.match(page.text, /% alike/);
});
