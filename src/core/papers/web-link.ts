/**
 * Links that came from elsewhere (imported code and project pages) become `href`s only when they
 * are http(s): a `javascript:` or `data:` URL in an import must never reach a page, even though
 * the CSP would stop it there. Checked at import and again at render.
 */

/** The URL when it is an absolute http(s) URL, else null. */
export function webLink(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // The link as given (Hugging Face answers it verbatim), unless it hides control characters.
    return [...text].some((ch) => ch <= ' ' || ch === '\u007f') ? url.href : text;
  } catch {
    return null;
  }
}
