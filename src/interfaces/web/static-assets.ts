/**
 * Static assets served by the app. The stylesheet is read once at start and served with a
 * content hash in its URL, so browsers cache it forever and never see a stale one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const STYLE_CSS = readFileSync(new URL('./static/style.css', import.meta.url), 'utf8');
const hash = createHash('sha256').update(STYLE_CSS).digest('hex').slice(0, 10);

/** Versioned URL of the stylesheet. */
export const STYLE_PATH = `/static/style.${hash}.css`;
