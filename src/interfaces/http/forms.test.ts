/**
 * Forms are validated by their zod schemas at the edge, with one error shape: a missing or
 * oversized field is a 400 naming the field — as JSON for fetch calls, as the page otherwise —
 * and a refused form shows its message on the form with the status on-error.tsx gives its code.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { createApp } from './app.ts';
import { statusOf } from './on-error.tsx';

let c: TestContainer;
let app: ReturnType<typeof createApp>;

before(async () => {
  c = await createTestContainer();
  app = createApp(c);
});
after(() => c.dispose());

test('a form missing a field answers 400 naming it, in JSON or on a page', async () => {
  const agent = new WebAgent(app);
  await agent.get('/signin');
  const json = await agent.post('/vote', {}, { accept: 'application/json' });
  assert.equal(json.status, 400);
  const { error } = JSON.parse(json.text);
  assert.equal(error.code, 'invalid_input');
  assert.deepEqual(error.details.problems, [
    { in: 'form', field: 'paper', message: 'the field is missing' },
  ]);
  const page = await agent.post('/signin', {});
  assert.equal(page.status, 400);
  assert.match(page.text, /email: the field is missing/);
  const long = await agent.post('/comments', { paper: '2608.00001', body: 'x'.repeat(30_000) });
  assert.equal(long.status, 400);
  assert.match(long.text, /body: must be at most 20000 characters/);
  const unknownAction = await agent.post('/email/manage/whatever', { action: 'explode' });
  assert.equal(unknownAction.status, 400);
  assert.match(unknownAction.text, /action: must be one of/);
});

test('a refused sign-in is shown on the sign-in form with the table status', async () => {
  const agent = new WebAgent(app);
  await agent.get('/signin');
  const bad = await agent.post('/signin/password', { email: 'nobody@example.org', password: 'x' });
  assert.equal(bad.status, statusOf('unauthorized'));
  assert.match(bad.text, /<form/);
  const notEmail = await agent.post('/signin', { email: 'not an address' });
  assert.equal(notEmail.status, statusOf('invalid_input'));
  assert.match(notEmail.text, /value="not an address"/);
  const link = await agent.get('/auth/magic?token=forged');
  assert.equal(link.status, statusOf('link_invalid'));
});
