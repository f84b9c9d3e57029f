/**
 * Rendering a page for a request: provides the view (viewer, CSRF token, path) to the page tree,
 * and the small helpers form routes share (redirect back, JSON or redirect). Forms are read by
 * the zod schemas in schemas/forms.ts.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { User } from '../../core/community/model.ts';
import { type View, ViewContext, type Viewer } from '../web/view-context.ts';
import type { AppEnv } from './session.ts';

export type AppContext = Context<AppEnv>;

function viewerOf(user: User | null): Viewer | null {
  if (!user) return null;
  return {
    id: user.id,
    handle: user.handle,
    displayName: user.displayName,
    role: user.role,
    banned: user.bannedAt !== null,
  };
}

/** The view of this request. */
export function viewOf(c: Context): View {
  const url = new URL(c.req.url);
  return {
    viewer: viewerOf((c.get('viewer') as User | null | undefined) ?? null),
    csrf: (c.get('csrf') as string | undefined) ?? '',
    path: `${url.pathname}${url.search}`,
  };
}

/** Renders a page with the request's view. */
export function render(c: Context, page: Child, status: ContentfulStatusCode = 200) {
  return c.html(<ViewContext.Provider value={viewOf(c)}>{page}</ViewContext.Provider>, status);
}

/**
 * 303 See Other to a same-site path (the POST/redirect/GET pattern). A path with characters a
 * header cannot carry (CR, LF, NUL, tabs, non-ASCII) is percent-encoded, so it stays one
 * same-site path instead of failing the response; one that cannot be encoded goes home.
 */
export function seeOther(c: Context, path: string) {
  let location = path;
  if (!/^[\x21-\x7e]*$/.test(location)) {
    try {
      location = encodeURI(location).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
    } catch {
      location = '/';
    }
  }
  return c.redirect(location, 303);
}

/** True when the client asked for JSON (the progressive-enhancement fetch calls). */
export function wantsJsonReply(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('application/json');
}
