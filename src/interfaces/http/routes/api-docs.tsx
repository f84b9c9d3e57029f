/**
 * The API's own documentation: `GET /openapi.json` (OpenAPI 3.1, generated from the routes and
 * schemas that validate requests) and `GET /api` (the same document as a readable page).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { ApiReferencePage } from '../../web/pages/api-reference-page.tsx';
import { openApiDocument } from '../openapi-document.ts';
import { render } from '../render.tsx';
import type { AppEnv } from '../session.ts';

export function apiDocsRoutes(apis: OpenAPIHono<AppEnv>[], baseUrl: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let doc: ReturnType<typeof openApiDocument> | null = null;
  // Built on first use: every route is registered by then, and the document never changes after.
  const document = () => {
    doc ??= openApiDocument(apis as unknown as OpenAPIHono<never>[], baseUrl);
    return doc;
  };
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/api', (c) =>
    render(c, <ApiReferencePage doc={document() as unknown as Record<string, unknown>} />),
  );
  return app;
}
