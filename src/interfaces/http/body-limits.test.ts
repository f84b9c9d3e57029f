/**
 * Request bodies are bounded before anything reads them: a form post larger than the form limit
 * gets 413 before the CSRF check, a pasted text has a larger limit of its own, a chunked body with
 * no length is cut off as it streams (real HTTP over loopback), and a broken multipart body is a
 * 400, not a 500.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { createApp } from './app.ts';
import { type RunningServer, startServer } from './server.ts';

let c: TestContainer;
let app: ReturnType<typeof createApp>;
let server: RunningServer;

before(async () => {
  c = await createTestContainer();
  app = createApp(c);
  server = await startServer(app, { port: 0, host: '127.0.0.1', log: c.log });
});
after(async () => {
  await server.close();
  await c.dispose();
});

test('a form body over the form limit is 413 before the CSRF check reads it', async () => {
  const body = `email=a%40example.org&pad=${'x'.repeat(65 * 1024)}`;
  const res = await app.request('/signin', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 413);
  assert.match(await res.text(), /larger than this page accepts \(64 KiB\)/);
  // Just under the limit the request reaches the CSRF check (and fails it: no token).
  const small = await app.request('/signin', {
    method: 'POST',
    body: `email=a%40example.org&pad=${'x'.repeat(60 * 1024)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(small.status, 403);
});

test('pasted texts have their own, larger limit', async () => {
  const json = (n: number) => JSON.stringify({ text: 'transformer attention '.repeat(n) });
  const big = await app.request('/api/papers/similar', {
    method: 'POST',
    body: json(13_000), // ~286 KB
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(big.status, 413);
  const body = (await big.json()) as { error: { code: string } };
  assert.equal(body.error.code, 'payload_too_large');
  const ok = await app.request('/api/papers/similar', {
    method: 'POST',
    body: json(4_000), // ~88 KB: over the form limit, under the text limit
    headers: { 'content-type': 'application/json' },
  });
  assert.notEqual(ok.status, 413);
  assert.ok(ok.status < 500, String(ok.status));
});

test('a chunked body without a length is cut off at the limit (real HTTP)', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/papers/similar',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', (error) => {
      // The server may close the socket after answering while we still write: that is fine.
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
    });
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    const pump = () => {
      // Up to 10 MiB, stopping as soon as the answer came.
      while (sent < 160 && !req.destroyed) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
  assert.equal(status, 413);
});

test('a malformed multipart body is a 400 with a message, not a 500', async () => {
  const res = await app.request('/signin', {
    method: 'POST',
    body: '--broken\r\nContent-Disposition: form-data; name="email"\r\n\r\nno end',
    headers: { 'content-type': 'multipart/form-data; boundary=' },
  });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /form body could not be read/);
  assert.equal(
    c.logs.entries.filter((e) => e.level === 'error').length,
    0,
    'nothing logged as a server error',
  );
});
