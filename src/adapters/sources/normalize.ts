/**
 * Text and date normalisation shared by every source adapter, so the same paper read from two
 * sources compares equal: whitespace runs collapsed (arXiv hard-wraps titles and abstracts), dates
 * as ISO-8601 UTC instants.
 */

/**
 * Collapses runs of whitespace to one space and trims; drops NUL characters (never meaningful in
 * text, and no store keeps them: see adapters/db/nul-guard-plugin.ts).
 */
export function collapse(text: string): string {
  // Most fields need nothing; testing first avoids allocating a copy of every abstract.
  if (!NEEDS_COLLAPSE.test(text) && !text.includes('\u0000')) return text;
  return text.replaceAll('\u0000', '').replace(/\s+/g, ' ').trim();
}

/** Leading or trailing whitespace, two in a row, or any whitespace other than a plain space. */
const NEEDS_COLLAPSE = /^\s|\s$|\s\s|[^\S ]/;

/** An ISO-8601 instant for a date the source gave, or null when it cannot be read. */
export function isoInstant(text: string | null | undefined): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
