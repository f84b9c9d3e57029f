/**
 * /openapi.json is generated, and true: every documented operation is called here with a real
 * request (answers that succeed and answers that fail), and each real response is checked against
 * the document — status documented, body valid against its schema, required headers present.
 * A route added to the document without a sample below fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { OpenApiChecker } from '../../../test/openapi-check.ts';
import { fixture } from '../../../test/replay-server.ts';
import { parseHfDailyPapers } from '../../adapters/sources/hf/hf-daily-parser.ts';
import { createApiToken } from '../../core/community/api-tokens.ts';
import { createApp } from './app.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;
const JSON_BODY = { method: 'POST', headers: { 'content-type': 'application/json' } };
/** Bearer tokens made in before(); samples name them as `{WRITE}` / `{READ}` in headers. */
const tokens = { WRITE: '', READ: '' };
const as = (token: keyof typeof tokens, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer {${token}}` },
});
const send = (method: string, body: unknown, token: keyof typeof tokens = 'WRITE') =>
  as(token, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** A collection made in before(). */
let collectionId = '';
let subscriptionId = '';

/** Requests per documented operation: the first must succeed (2xx), the others fail (4xx). */
const SAMPLES: Record<string, [string, RequestInit?][]> = {
  'GET /api/daily_papers': [
    ['/api/daily_papers?date=2026-08-21&limit=3'],
    ['/api/daily_papers?date=2026-08-32'],
  ],
  'GET /api/papers/search': [
    ['/api/papers/search?q=agents&limit=2'],
    ['/api/papers/search?q=x&limit=0'],
  ],
  'GET /api/papers/{id}': [
    ['/api/papers/2608.19880v1'],
    ['/api/papers/2608.99999'],
    ['/api/papers/nope'],
  ],
  'GET /api/papers/{archive}/{number}': [
    ['/api/papers/hep-th/9901001'],
    ['/api/papers/hep-th/9901002'],
  ],
  'GET /api/papers': [['/api/papers?limit=2'], ['/api/papers?cursor=garbage']],
  'GET /papers/{id}.md': [['/papers/2608.19880.md'], ['/papers/2608.99999.md']],
  'GET /api/v1/papers/{id}': [['/api/v1/papers/2608.19880'], ['/api/v1/papers/2608.99999']],
  'GET /api/v1/papers/{archive}/{number}': [['/api/v1/papers/hep-th/9901001']],
  'GET /api/trending': [['/api/trending?period=week'], ['/api/trending?period=year']],
  'GET /api/papers/{id}/similar': [
    ['/api/papers/2608.19880/similar?limit=3'],
    ['/api/papers/2608.99999/similar'],
  ],
  'GET /api/papers/{archive}/{number}/similar': [['/api/papers/hep-th/9901001/similar']],
  'GET /api/v1/me': [['/api/v1/me', as('READ')], ['/api/v1/me']],
  'POST /api/v1/papers/{id}/upvote': [
    ['/api/v1/papers/2608.19880/upvote', as('WRITE', { method: 'POST' })],
    ['/api/v1/papers/2608.19880/upvote', as('READ', { method: 'POST' })],
    ['/api/v1/papers/2608.99999/upvote', as('WRITE', { method: 'POST' })],
    ['/api/v1/papers/nope/upvote', as('WRITE', { method: 'POST' })],
    ['/api/v1/papers/2608.19880/upvote', { method: 'POST' }],
  ],
  'DELETE /api/v1/papers/{id}/upvote': [
    ['/api/v1/papers/2608.19880/upvote', as('WRITE', { method: 'DELETE' })],
    ['/api/v1/papers/2608.19880/upvote', as('READ', { method: 'DELETE' })],
  ],
  'GET /api/v1/papers/{id}/comments': [
    ['/api/v1/papers/2608.19880/comments'],
    ['/api/v1/papers/2608.99999/comments'],
  ],
  'POST /api/v1/papers/{id}/comments': [
    ['/api/v1/papers/2608.19880/comments', send('POST', { body: 'Good paper.' })],
    ['/api/v1/papers/2608.19880/comments', send('POST', { body: '' })],
    ['/api/v1/papers/2608.19880/comments', send('POST', { body: 'x' }, 'READ')],
    ['/api/v1/papers/2608.99999/comments', send('POST', { body: 'x' })],
  ],
  'POST /api/papers/index': [
    ['/api/papers/index', send('POST', { arxivId: '2608.19880' })],
    ['/api/papers/index', send('POST', { arxivId: 'nope' })],
    ['/api/papers/index', send('POST', { arxivId: '2608.19880' }, 'READ')],
    ['/api/papers/index', { ...JSON_BODY, body: '{"arxivId":"2608.19880"}' }],
  ],
  'GET /api/v1/collections': [
    ['/api/v1/collections', as('READ')],
    ['/api/v1/collections'],
    ['/api/v1/collections?user=nobody-here'],
  ],
  'POST /api/v1/collections': [
    ['/api/v1/collections', send('POST', { name: 'Agents' })],
    ['/api/v1/collections', send('POST', { name: '' })],
    ['/api/v1/collections', send('POST', { name: 'x' }, 'READ')],
  ],
  'GET /api/v1/collections/{id}': [
    ['/api/v1/collections/{COLLECTION}', as('READ')],
    ['/api/v1/collections/{COLLECTION}'],
  ],
  'POST /api/v1/collections/{id}/papers': [
    ['/api/v1/collections/{COLLECTION}/papers', send('POST', { paper: '2608.19880' })],
    ['/api/v1/collections/{COLLECTION}/papers', send('POST', { paper: 'nope' })],
    ['/api/v1/collections/unknown/papers', send('POST', { paper: '2608.19880' })],
  ],
  'DELETE /api/v1/collections/{id}/papers/{paperId}': [
    ['/api/v1/collections/{COLLECTION}/papers/2608.19880', as('WRITE', { method: 'DELETE' })],
    ['/api/v1/collections/{COLLECTION}/papers/2608.19880', as('READ', { method: 'DELETE' })],
    ['/api/v1/collections/{COLLECTION}/papers/nope', as('WRITE', { method: 'DELETE' })],
  ],
  'GET /api/v1/subscriptions': [['/api/v1/subscriptions', as('READ')], ['/api/v1/subscriptions']],
  'POST /api/v1/subscriptions': [
    ['/api/v1/subscriptions', send('POST', { kind: 'trending' })],
    ['/api/v1/subscriptions', send('POST', { kind: 'weather' })],
    ['/api/v1/subscriptions', send('POST', { kind: 'trending' }, 'READ')],
  ],
  'DELETE /api/v1/subscriptions/{id}': [
    ['/api/v1/subscriptions/{SUBSCRIPTION}', as('WRITE', { method: 'DELETE' })],
    ['/api/v1/subscriptions/unknown', as('WRITE', { method: 'DELETE' })],
  ],
  'GET /api/v1/for-you': [
    ['/api/v1/for-you?days=7', as('READ')],
    ['/api/v1/for-you?days=3', as('READ')],
    ['/api/v1/for-you'],
  ],
  'GET /api/v1/for-you/marks': [['/api/v1/for-you/marks', as('READ')], ['/api/v1/for-you/marks']],
  'PUT /api/v1/for-you/marks/{paperId}': [
    ['/api/v1/for-you/marks/2608.19880', send('PUT', { mark: 'more' })],
    ['/api/v1/for-you/marks/2608.19880', send('PUT', { mark: 'love' })],
    ['/api/v1/for-you/marks/2608.99999', send('PUT', { mark: 'more' })],
    ['/api/v1/for-you/marks/2608.19880', send('PUT', { mark: 'more' }, 'READ')],
  ],
  'DELETE /api/v1/for-you/marks/{paperId}': [
    ['/api/v1/for-you/marks/2608.19880', as('WRITE', { method: 'DELETE' })],
    ['/api/v1/for-you/marks/nope', as('WRITE', { method: 'DELETE' })],
  ],
  'POST /api/v1/library/import': [
    ['/api/v1/library/import', send('POST', { text: '2608.19880' })],
    ['/api/v1/library/import', send('POST', { text: 'not a library' })],
    ['/api/v1/library/import', send('POST', { text: '2608.19880' }, 'READ')],
  ],
  'GET /api/v1/export': [
    ['/api/v1/export?paper=2608.19880&format=bibtex'],
    ['/api/v1/export'],
    ['/api/v1/export?paper=2608.99999'],
  ],
  'POST /mcp': [
    [
      '/mcp',
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'openapi-test', version: '1' },
          },
        }),
      },
    ],
    ['/mcp', { ...JSON_BODY, body: '{"jsonrpc": ' }],
    ['/mcp', { ...JSON_BODY, body: JSON.stringify({ jsonrpc: '1.0', method: 'x' }) }],
    [
      '/mcp',
      as('READ', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      }),
    ],
  ],
  'POST /api/papers/similar': [
    ['/api/papers/similar', { ...JSON_BODY, body: JSON.stringify({ text: 'agent environments' }) }],
    ['/api/papers/similar', { ...JSON_BODY, body: JSON.stringify({ text: '' }) }],
    ['/api/papers/similar', { ...JSON_BODY, body: '{"text": ' }],
  ],
};

before(async () => {
  c = await createTestContainer();
  const records = parseHfDailyPapers(
    fixture('hf-daily/2026-08-21.json'),
    '2026-08-21',
    '2026-08-21T12:00:00.000Z',
  );
  await c.papers.upsertMany(records.flatMap((r) => ('paper' in r ? [r.paper] : [])));
  await c.papers.upsertMany([buildPaper({ id: 'hep-th/9901001', title: 'Old style paper' })]);
  const user = await c.community.users.create({
    id: 'u-api',
    email: 'api@example.org',
    handle: 'api-user',
    displayName: 'API user',
    role: 'reader',
    createdAt: '2026-08-01T00:00:00Z',
  });
  tokens.WRITE = (await createApiToken(c.community, user, { name: 'w', scope: 'write' })).secret;
  tokens.READ = (await createApiToken(c.community, user, { name: 'r', scope: 'read' })).secret;
  app = createApp(c);
  const made = await app.request('/api/v1/collections', withTokens(send('POST', { name: 'Mine' })));
  collectionId = ((await made.json()) as { id: string }).id;
  const sub = await app.request(
    '/api/v1/subscriptions',
    withTokens(send('POST', { kind: 'author', query: 'Ada Lovelace' })),
  );
  subscriptionId = ((await sub.json()) as { id: string }).id;
});

/** A sample with its placeholders filled in. */
function withTokens(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  const auth = headers.get('authorization');
  if (auth) {
    headers.set(
      'authorization',
      auth.replace(/\{(WRITE|READ)\}/, (_, t: 'WRITE' | 'READ') => tokens[t]),
    );
  }
  return { ...init, headers };
}
function samplePath(path: string): string {
  return path.replace('{COLLECTION}', collectionId).replace('{SUBSCRIPTION}', subscriptionId);
}
after(() => c.dispose());

test('the document is OpenAPI 3.1 with every route, schema and error shape', async () => {
  const res = await app.request('/openapi.json');
  assert.equal(res.status, 200);
  const doc = (await res.json()) as Record<string, unknown>;
  assert.equal(doc.openapi, '3.1.0');
  const checker = new OpenApiChecker(doc);
  assert.deepEqual(checker.operations().sort(), Object.keys(SAMPLES).sort());
  const page = await app.request('/api');
  assert.equal(page.status, 200);
  const html = await page.text();
  for (const op of checker.operations()) assert.ok(html.includes(op), `/api lists ${op}`);
  assert.match(html, /HfDailyEntry/);
});

test('every documented route answers as documented, success and failure alike', async () => {
  const doc = (await (await app.request('/openapi.json')).json()) as Record<string, unknown>;
  const checker = new OpenApiChecker(doc);
  for (const [operation, samples] of Object.entries(SAMPLES)) {
    for (const [i, [path, init]] of samples.entries()) {
      const res = await app.request(samplePath(path), withTokens(init));
      if (i === 0)
        assert.ok([200, 201, 204].includes(res.status), `${operation}: ${path} → ${res.status}`);
      else
        assert.ok(res.status >= 400 && res.status < 500, `${operation}: ${path} → ${res.status}`);
      assert.deepEqual(await checker.check(operation, res), [], `${operation}: ${path}`);
    }
  }
});
