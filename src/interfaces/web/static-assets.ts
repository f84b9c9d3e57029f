/**
 * Static assets served by the app. Each is read once at start and served with a content hash in
 * its URL, so browsers cache it forever and never see a stale one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

function asset(name: string, ext: string): { body: string; path: string } {
  const body = readFileSync(new URL(`./static/${name}.${ext}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { body, path: `/static/${name}.${hash}.${ext}` };
}

const style = asset('style', 'css');
const app = asset('app', 'js');

export const STYLE_CSS = style.body;
/** Versioned URL of the stylesheet. */
export const STYLE_PATH = style.path;

/** The progressive-enhancement script (upvotes in place). */
export const APP_JS = app.body;
/** Versioned URL of the script. */
export const APP_JS_PATH = app.path;

const icon = asset('favicon', 'svg');

/** The site icon (the header's logo on the accent colour). */
export const FAVICON_SVG = icon.body;
/** Versioned URL of the icon; /favicon.ico redirects to it for clients that ask by habit. */
export const FAVICON_PATH = icon.path;
