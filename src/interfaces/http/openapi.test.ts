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
import { createApp } from './app.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;
const JSON_BODY = { method: 'POST', headers: { 'content-type': 'application/json' } };

/** Requests per documented operation: the first must succeed, the others must fail (4xx). */
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
  app = createApp(c);
});
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
      const res = await app.request(path, init);
      if (i === 0) assert.equal(res.status, 200, `${operation}: ${path}`);
      else
        assert.ok(res.status >= 400 && res.status < 500, `${operation}: ${path} → ${res.status}`);
      assert.deepEqual(await checker.check(operation, res), [], `${operation}: ${path}`);
    }
  }
});
