/**
 * The MCP server end to end: the official SDK's client over real HTTP (Streamable HTTP on a
 * loopback port) lists and calls every tool, reads a paper's Markdown resource, gets clear tool
 * errors, and gets write tools only with a write token.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';
import { startSession } from '../../core/community/accounts.ts';
import { createApiToken } from '../../core/community/api-tokens.ts';
import { createCollection } from '../../core/community/collections.ts';
import { createApp } from '../http/app.ts';
import { type RunningServer, startServer } from '../http/server.ts';

let c: TestContainer;
let server: RunningServer;
let url: URL;
const tokens = { read: '', write: '' };
let collectionId = '';

before(async () => {
  c = await createTestContainer();
  await c.papers.upsertMany([
    buildFeaturedPaper('2026-08-21', 12, {
      id: '2608.50001',
      title: 'Retrieval agents for science',
      abstract: 'Agents that retrieve papers and answer questions about science.',
    }),
    buildFeaturedPaper('2026-08-21', 4, {
      id: '2608.50002',
      title: 'Retrieval agents revisited',
      abstract: 'We revisit agents that retrieve papers.',
    }),
    buildPaper({ id: 'hep-th/9901001', title: 'Old style strings' }),
  ]);
  const user = await c.community.users.create({
    id: 'u1',
    email: 'ada@example.org',
    handle: 'ada',
    displayName: 'Ada',
    role: 'reader',
    createdAt: '2026-08-01T00:00:00Z',
  });
  tokens.read = (await createApiToken(c.community, user, { name: 'r', scope: 'read' })).secret;
  tokens.write = (await createApiToken(c.community, user, { name: 'w', scope: 'write' })).secret;
  collectionId = await createCollection(c.community, user, {
    name: 'Agents',
    description: '',
    isPublic: false,
  });
  server = await startServer(createApp(c), { port: 0, host: '127.0.0.1', log: c.log });
  url = new URL(`http://127.0.0.1:${server.port}/mcp`);
});
after(async () => {
  await server.close();
  await c.dispose();
});

async function connect(token?: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'paperboy-test', version: '1' });
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers },
  });
  await client.connect(transport);
  return client;
}

type Result = Awaited<ReturnType<Client['callTool']>>;
const json = (r: Result) => r.structuredContent as Record<string, unknown>;
const text = (r: Result) => (r.content as { type: string; text: string }[])[0]?.text ?? '';

test('anonymous: the five read tools, each answering from the store', async () => {
  const client = await connect();
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [
      'daily_papers',
      'get_paper',
      'search_papers',
      'similar_papers',
      'trending_papers',
    ]);
    assert.ok(tools.every((t) => t.annotations?.readOnlyHint === true));

    const search = await client.callTool({
      name: 'search_papers',
      arguments: { query: 'retrieval agents', limit: 5 },
    });
    assert.equal(search.isError, undefined, text(search));
    const hits = json(search).papers as { id: string }[];
    assert.deepEqual(hits.map((h) => h.id).sort(), ['2608.50001', '2608.50002']);
    assert.deepEqual(JSON.parse(text(search)), json(search), 'text and structured agree');

    const paper = json(
      await client.callTool({ name: 'get_paper', arguments: { id: 'arXiv:2608.50001v2' } }),
    ).paper as Record<string, unknown>;
    assert.equal(paper.title, 'Retrieval agents for science');
    assert.equal(paper.upvotes, 12);
    assert.equal(paper.url, 'http://localhost:0/papers/2608.50001');
    assert.equal(paper.arxivUrl, 'https://arxiv.org/abs/2608.50001');

    const similar = json(
      await client.callTool({ name: 'similar_papers', arguments: { id: '2608.50001', limit: 3 } }),
    ).papers as { id: string; score: number }[];
    assert.ok(
      similar.some((p) => p.id === '2608.50002'),
      JSON.stringify(similar),
    );
    assert.ok(similar.every((p) => p.id !== '2608.50001'));

    const daily = json(await client.callTool({ name: 'daily_papers', arguments: {} }));
    assert.equal(daily.period, '2026-08-21', 'the latest featured day by default');
    assert.deepEqual(
      (daily.papers as { id: string }[]).map((p) => p.id),
      ['2608.50001', '2608.50002'],
      'most upvoted first',
    );
    const week = json(
      await client.callTool({ name: 'daily_papers', arguments: { week: '2026-W34' } }),
    );
    assert.equal(week.total, 2);

    const trending = await client.callTool({ name: 'trending_papers', arguments: { limit: 5 } });
    assert.equal(trending.isError, undefined, text(trending));
    assert.ok(Array.isArray(json(trending).papers));
  } finally {
    await client.close();
  }
});

test('a paper as a Markdown resource, listed for the latest day', async () => {
  const client = await connect();
  try {
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.deepEqual(
      resourceTemplates.map((t) => t.uriTemplate),
      ['paperboy://papers/{id}'],
    );
    const { resources } = await client.listResources();
    assert.deepEqual(resources.map((r) => r.uri).sort(), [
      'paperboy://papers/2608.50001',
      'paperboy://papers/2608.50002',
    ]);
    const read = await client.readResource({ uri: 'paperboy://papers/2608.50001' });
    const content = read.contents[0] as { mimeType: string; text: string };
    assert.equal(content.mimeType, 'text/markdown');
    assert.match(content.text, /^# Retrieval agents for science/m);
    assert.match(content.text, /Agents that retrieve papers/);
    const old = await client.readResource({ uri: 'paperboy://papers/hep-th%2F9901001' });
    assert.match((old.contents[0] as { text: string }).text, /Old style strings/);
    await assert.rejects(
      client.readResource({ uri: 'paperboy://papers/2608.99999' }),
      /2608\.99999/,
    );
  } finally {
    await client.close();
  }
});

test('bad tool input and unknown papers are clear tool errors', async () => {
  const client = await connect();
  try {
    const missing = await client.callTool({ name: 'get_paper', arguments: { id: '2608.99999' } });
    assert.equal(missing.isError, true);
    assert.match(text(missing), /No paper with id "2608\.99999"/);
    const notId = await client.callTool({ name: 'get_paper', arguments: { id: 'banana' } });
    assert.match(text(notId), /is not an arXiv id/);
    const tooMany = await client.callTool({
      name: 'search_papers',
      arguments: { query: 'agents', limit: 5000 },
    });
    assert.equal(tooMany.isError, true);
    const badDay = await client.callTool({
      name: 'daily_papers',
      arguments: { date: '2026-13-40' },
    });
    assert.equal(badDay.isError, true);
    assert.match(text(badDay), /not a day, week or month/);
    const write = await client.callTool({ name: 'upvote_paper', arguments: { id: '2608.50001' } });
    assert.equal(write.isError, true, 'no write tools without a write token');
  } finally {
    await client.close();
  }
});

test('tokens: a write token adds write tools that act as its owner; a read token does not', async () => {
  const reader = await connect(tokens.read);
  try {
    const names = (await reader.listTools()).tools.map((t) => t.name);
    assert.ok(!names.includes('upvote_paper'));
  } finally {
    await reader.close();
  }
  const writer = await connect(tokens.write);
  try {
    const names = (await writer.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes('upvote_paper') && names.includes('add_to_collection'));
    const vote = json(
      await writer.callTool({ name: 'upvote_paper', arguments: { id: '2608.50002' } }),
    );
    assert.deepEqual(vote, { paperId: '2608.50002', voted: true, upvotes: 5 });
    const added = await writer.callTool({
      name: 'add_to_collection',
      arguments: { collection: collectionId, id: '2608.50001', note: 'for Friday' },
    });
    assert.equal(added.isError, undefined, text(added));
    const items = await c.community.collections.items(collectionId);
    assert.deepEqual(
      items.map((i) => [i.paperId, i.note]),
      [['2608.50001', 'for Friday']],
    );
  } finally {
    await writer.close();
  }
  await assert.rejects(connect('pb_not-a-real-token'), /401|token/i);
});

test('the endpoint: GET is 405, another site is refused, the cookie counts for nothing', async () => {
  const get = await fetch(url, { headers: { accept: 'application/json, text/event-stream' } });
  assert.equal(get.status, 405);
  const init = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'x', version: '1' },
    },
  };
  const cross = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      origin: 'https://evil.example',
    },
    body: JSON.stringify(init),
  });
  assert.equal(cross.status, 403);
  const garbage = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: '{"jsonrpc": ',
  });
  assert.ok(garbage.status >= 400 && garbage.status < 500, String(garbage.status));
  // A signed-in browser's cookie makes nobody here: no write tools, no CSRF hole.
  const session = await startSession(c.community, 'u1');
  const withCookie = await connect(undefined, { cookie: `pb_session=${session}` });
  try {
    const names = (await withCookie.listTools()).tools.map((t) => t.name);
    assert.ok(!names.includes('upvote_paper'));
  } finally {
    await withCookie.close();
  }
});
