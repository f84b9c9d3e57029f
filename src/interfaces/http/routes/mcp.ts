/**
 * The MCP endpoint, Streamable HTTP (stateless: a fresh server per request, JSON answers):
 *   POST /mcp          JSON-RPC messages; anonymous callers read, a write token also writes
 *   GET|DELETE /mcp    405: no server-initiated stream and no sessions to end
 * Mounted after token-auth.ts and before sessions: the cookie never counts here, so a page on
 * another site cannot act as a signed-in reader; an Origin naming another site is refused (the
 * MCP specification's guard against DNS rebinding). The JSON-RPC envelope is validated by the
 * schema below, which also documents the endpoint in /openapi.json.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { z } from 'zod';
import type { Container } from '../../../container.ts';
import { createError } from '../../../core/errors.ts';
import { buildMcpServer } from '../../mcp/mcp-server.ts';
import { errors } from '../schemas/common.ts';
import { throwOnInvalid } from '../schemas/validate.ts';
import type { AppEnv } from '../session.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'community' | 'config' | 'papers' | 'search'>;

const MAX_BODY_BYTES = 1_000_000;
const TAG = 'MCP (Model Context Protocol)';

const JsonRpcMessage = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string().max(200), z.number()]).optional(),
    method: z.string().max(200).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    result: z.unknown().optional(),
    error: z.unknown().optional(),
  })
  .meta({ id: 'JsonRpcMessage', description: 'A JSON-RPC 2.0 message (MCP 2025-06-18).' });

const post = createRoute({
  method: 'post',
  path: '/mcp',
  tags: [TAG],
  summary:
    'MCP over Streamable HTTP: tools search_papers, get_paper, similar_papers, daily_papers, trending_papers (+ upvote_paper, add_to_collection with a write token); resource paperboy://papers/{id}',
  request: {
    body: { required: true, content: { 'application/json': { schema: JsonRpcMessage } } },
  },
  responses: {
    200: {
      description: 'the JSON-RPC response',
      content: { 'application/json': { schema: JsonRpcMessage } },
    },
    202: { description: 'a notification or response was accepted' },
    ...errors(400, 401, 403, 413),
  },
});

export function mcpRoutes(container: Uses): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });

  app.openapi(post, async (c) => {
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      const allowed = [new URL(container.config.baseUrl).origin, new URL(c.req.url).origin];
      if (!allowed.includes(origin)) {
        throw createError('forbidden', `MCP requests from ${origin} are not accepted`);
      }
    }
    const auth = c.get('auth');
    const server = buildMcpServer(container, {
      user: auth?.via === 'token' ? c.get('viewer') : null,
      scope: auth?.via === 'token' ? auth.scope : null,
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: MAX_BODY_BYTES,
    });
    await server.connect(transport);
    try {
      // The body was read and checked by the schema; the transport takes it as parsed.
      return await transport.handleRequest(c.req.raw, { parsedBody: c.req.valid('json') });
    } finally {
      await server.close();
    }
  });

  const refuse = () => {
    throw createError(
      'method_not_allowed',
      'this MCP server is stateless (Streamable HTTP, JSON answers): POST JSON-RPC messages to /mcp',
    );
  };
  app.on(['GET', 'DELETE', 'PUT', 'PATCH'], '/mcp', refuse);
  return app;
}
