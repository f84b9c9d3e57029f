import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { runEmbedderContract } from '../../../test/contracts/embedder.contract.ts';
import { HashEmbedder } from '../../../test/hash-embedder.ts';
import { isAppError } from '../../core/errors.ts';
import { HttpEmbedder } from './http-embedder.ts';
import '../../../test/no-network.ts';

/** A local server speaking the OpenAI embeddings protocol, with scripted failures. */
let server: Server;
let base: string;
const script: (number | 'hang')[] = [];
const seen: { auth?: string; inputs: number }[] = [];
const model = new HashEmbedder();

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (d) => {
      s += d;
    });
    req.on('end', () => resolve(s));
  });

before(async () => {
  server = createServer(async (req, res) => {
    const next = script.shift();
    if (next === 'hang') return; // never answers: the client must time out
    if (typeof next === 'number') {
      res.writeHead(next, next === 429 ? { 'retry-after': '0' } : {});
      res.end('{"error":{"message":"scripted failure"}}');
      return;
    }
    if (req.url !== '/v1/embeddings' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const { input, model: name } = JSON.parse(await body(req)) as {
      input: string[];
      model: string;
    };
    seen.push({ auth: req.headers.authorization, inputs: input.length });
    const vectors = await model.embed(input, 'document');
    const data = vectors.map((v, index) => ({
      object: 'embedding',
      index,
      embedding: [...v].map((x) => x * 3),
    }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', model: name, data: data.reverse() }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const make = (extra = {}) =>
  new HttpEmbedder({ url: base, model: 'test-model', apiKey: 'sk-test', backoffMs: 1, ...extra });

runEmbedderContract('openai-compatible (local server)', async () => make());

test('batches inputs and sends the API key', async () => {
  seen.length = 0;
  const vs = await make({ batchSize: 2 }).embed(['a', 'b', 'c', 'd', 'e'], 'document');
  assert.equal(vs.length, 5);
  assert.deepEqual(
    seen.map((s) => s.inputs),
    [2, 2, 1],
  );
  assert.equal(seen[0]?.auth, 'Bearer sk-test');
});

test('retries 429 and 5xx, then succeeds', async () => {
  script.push(503, 429, 500);
  const [v] = await make({ retries: 3 }).embed(['retry me'], 'query');
  assert.equal(v?.length, 64);
});

test('gives up with model_unavailable after retries, at once on 4xx, and on timeouts', async () => {
  script.push(503, 503);
  await assert.rejects(
    make({ retries: 1 }).embed(['x'], 'query'),
    (e) => isAppError(e, 'model_unavailable') && /HTTP 503/.test(e.message),
  );
  script.push(400, 200);
  await assert.rejects(
    make({ retries: 3 }).embed(['x'], 'query'),
    (e) => isAppError(e, 'model_unavailable') && /HTTP 400/.test(e.message),
  );
  script.length = 0;
  script.push('hang');
  await assert.rejects(make({ retries: 0, timeoutMs: 200 }).embed(['x'], 'query'), (e) =>
    isAppError(e, 'model_unavailable'),
  );
  script.length = 0;
});
