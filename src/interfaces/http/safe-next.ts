/**
 * Where a form may send the reader afterwards (`next`): only a path on this site, judged the way a
 * browser reads it. Browsers drop tabs and newlines and turn `\` into `/` before resolving a URL
 * (WHATWG URL), so `/\t/evil.example/` is `//evil.example/`: another host. We resolve with the same
 * parser and re-serialise, so what we send in `Location` is exactly what the browser will follow.
 */

/** A stand-in origin to resolve against: only "is it still this origin?" matters. */
const HERE = 'http://paperboy.invalid';

/**
 * A same-site path (path, query and fragment, percent-encoded, starting with a single `/`) for
 * `next`, else `fallback`. Absolute URLs, protocol-relative and backslash tricks, control
 * characters and anything a browser would resolve to another origin give `fallback`.
 */
export function safeNext(next: string | undefined, fallback: string): string {
  if (!next?.startsWith('/')) return fallback;
  // Anything a browser would strip or choke on is refused outright, not repaired.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, `${HERE}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== HERE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that serialises as `//x` would read as protocol-relative in Location.
  if (!path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
}

/** `path` (from safeNext) with `name=value` added to its query, before any fragment. */
export function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, `${HERE}/`);
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}${url.hash}`;
}
