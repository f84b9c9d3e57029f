/**
 * Submissions check what they can before asking arXiv, and say plainly what went wrong: an id
 * too old by its own YYMM and a used-up quota are refused with no request to arXiv; one reader's
 * parallel submissions of unknown ids hold one arXiv look-up, not ten; an unreachable arXiv is a
 * clear 502 without internals; a searched id that is not stored links to adding it and to arXiv.
 * arXiv is a local replay server (recorded empty answer).
 */
import '../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { type Reply, recordedCall, startReplayServer } from '../../../test/replay-server.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { createApp } from './app.ts';

const empty = recordedCall('arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.json');
let smtp: TestSmtpServer;
const open: TestContainer[] = [];

before(async () => {
  smtp = await startSmtpServer();
});
after(async () => {
  for (const c of open) await c.dispose();
  await smtp.close();
});

async function signedIn(arxivApiUrl: string, env: Record<string, string> = {}) {
  const c = await createTestContainer({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      ARXIV_API_URL: arxivApiUrl,
      ARXIV_REQUEST_INTERVAL_MS: '0',
      ...env,
    },
  });
  open.push(c);
  const app = createApp(c);
  const agent = new WebAgent(app);
  await agent.signIn(`reader${open.length}@example.org`, smtp);
  await agent.get('/submit');
  return { c, app, agent };
}

test('an id older than the rule by its YYMM, and a used-up quota, never reach arXiv', async () => {
  const arxiv = await startReplayServer(() => ({ body: empty.body }));
  try {
    const { agent } = await signedIn(`${arxiv.origin}/api/query`, {
      PAPERBOY_SUBMIT_DAILY_QUOTA: '0',
    });
    const old = await agent.post('/submit', { paper: '1706.03762' });
    assert.equal(old.status, 403);
    assert.match(old.text, /first appeared in 2017-06/);
    const oldStyle = await agent.post('/submit', { paper: 'hep-th/9901001' });
    assert.equal(oldStyle.status, 403);
    const quota = await agent.post('/submit', { paper: '2608.99001' });
    assert.equal(quota.status, 403);
    assert.match(quota.text, /used today/);
    assert.equal(arxiv.requests.length, 0);
  } finally {
    await arxiv.close();
  }
});

test("one reader's parallel submissions of unknown ids hold one arXiv look-up", async () => {
  let release: (reply: Reply) => void = () => {};
  const held = new Promise<Reply>((resolve) => {
    release = resolve;
  });
  let arrived: () => void = () => {};
  const firstArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const arxiv = await startReplayServer(() => {
    arrived();
    return held;
  });
  try {
    const { agent } = await signedIn(`${arxiv.origin}/api/query`);
    const first = agent.post('/submit', { paper: '2608.99100' });
    await firstArrived;
    const others = await Promise.all(
      Array.from({ length: 9 }, (_, i) => agent.post('/submit', { paper: `2608.9920${i}` })),
    );
    assert.deepEqual(
      others.map((r) => r.status),
      Array(9).fill(429),
    );
    assert.match(others[0]?.text ?? '', /Too many requests/);
    release({ body: empty.body });
    const done = await first;
    assert.equal(done.status, 404); // arXiv has no such paper
    assert.match(done.text, /arXiv has no paper 2608\.99100/);
    assert.equal(arxiv.requests.length, 1);
  } finally {
    await arxiv.close();
  }
});

test('an unreachable arXiv is a clear 502 that names no internals', async () => {
  const gone = await startReplayServer();
  const url = `${gone.origin}/api/query`;
  await gone.close(); // nothing listens there any more: connection refused
  const { agent, c } = await signedIn(url);
  const res = await agent.post('/submit', { paper: '2608.99300' });
  assert.equal(res.status, 502);
  assert.match(res.text, /arXiv is unavailable: it did not answer for arXiv:2608\.99300 just now/);
  assert.doesNotMatch(res.text, /127\.0\.0\.1|api\/query|fetch failed|ECONNREFUSED/);
  assert.ok(c.logs.entries.some((e) => e.msg === 'arXiv look-up failed'));
});

test('searching an id that is not stored offers to add it or open it on arXiv', async () => {
  const { app } = await signedIn('http://127.0.0.1:9/api/query');
  const res = await app.request('/search?q=2608.99400');
  const html = await res.text();
  assert.match(html, /arXiv:2608\.99400 is not in this paperboy yet/);
  assert.match(html, /href="\/submit\?paper=2608\.99400"/);
  assert.match(html, /href="https:\/\/arxiv\.org\/abs\/2608\.99400"/);
  const form = await app.request('/submit?paper=2608.99400');
  assert.equal(form.status, 303); // signed out: sign in first, then back to the filled form
  assert.match(form.headers.get('location') ?? '', /next=%2Fsubmit%3Fpaper%3D2608\.99400/);
});
