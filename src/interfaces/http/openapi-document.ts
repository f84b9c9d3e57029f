/**
 * The OpenAPI 3.1 document, generated from the route definitions and zod schemas that validate
 * the requests (@hono/zod-openapi): nothing in it is written by hand except the title and intro.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const INTRO = [
  'paperboy answers the same paper API as Hugging Face (`/api/daily_papers`, `/api/papers/search`,',
  '`/api/papers/{id}`, `/papers/{id}.md`), field for field, so tools written for it work here;',
  'its own richer formats live under `/api/v1/`. Lists carry `X-Total-Count` and',
  '`Link: <…>; rel="next"`. Errors are `{"error": {"code", "message", "details"?}}`.',
  'Reading needs no account. Writing needs a personal access token from /account, sent as',
  '`Authorization: Bearer pb_…` (scope `read` also reads your private data; `write` also changes',
  'things), or the session cookie plus its CSRF token in `X-CSRF-Token`.',
].join(' ');

const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal access token from /account (`pb_…`), scope read or write.',
  },
  cookieSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'pb_session',
    description: 'The browser session; unsafe methods also need the X-CSRF-Token header.',
  },
} as const;

/** The document for the routes registered on `apis` (merged), served from `baseUrl`. */
export function openApiDocument(apis: OpenAPIHono<never>[], baseUrl: string): Document {
  const docs = apis.map((api) =>
    api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'paperboy API', version: '1', description: INTRO },
      servers: [{ url: baseUrl }],
    }),
  );
  const [first] = docs;
  if (!first) throw new Error('openApiDocument needs at least one app');
  const paths: Document['paths'] = {};
  const schemas: Record<string, unknown> = {};
  for (const doc of docs) {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      paths[documentedPath(path)] = withValidators(item as PathItem);
    }
    Object.assign(schemas, doc.components?.schemas);
  }
  const components = { ...first.components, schemas, securitySchemes: SECURITY_SCHEMES };
  return { ...first, paths, components } as Document;
}

type PathItem = Record<string, { responses?: Record<string, { headers?: object }> }>;

/** Validators http-caching.ts adds to every successful GET (so the document says so). */
const VALIDATORS = {
  ETag: {
    required: true,
    description: 'send it back as If-None-Match for a 304',
    schema: { type: 'string' },
  },
  'Last-Modified': {
    required: true,
    description: 'when this representation was first served',
    schema: { type: 'string' },
  },
};

function withValidators(item: PathItem): PathItem {
  const get = item.get;
  const ok = get?.responses?.['200'];
  if (!get || !ok) return item;
  const responses = { ...get.responses, 200: { ...ok, headers: { ...ok.headers, ...VALIDATORS } } };
  return { ...item, get: { ...get, responses } };
}

/**
 * Hono route paths may constrain parameters with a pattern (`{id{[^/]+}}`); OpenAPI paths name
 * them only (`{id}`). A path ending in a `.md` pattern is documented as `{id}.md`.
 */
export function documentedPath(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const open = path.indexOf('{', i);
    if (open < 0) {
      out += path.slice(i);
      break;
    }
    out += path.slice(i, open);
    let depth = 0;
    let end = open;
    for (; end < path.length; end++) {
      if (path[end] === '{') depth++;
      else if (path[end] === '}' && --depth === 0) break;
    }
    const inner = path.slice(open + 1, end);
    const name = inner.split('{')[0] ?? inner;
    out += inner.endsWith('\\.md}') ? `{${name}}.md` : `{${name}}`;
    i = end;
  }
  return out;
}
