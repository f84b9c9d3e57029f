/**
 * Telling a pasted text from a query: a search box that receives an abstract should look for
 * papers similar to all of it (search-papers cuts queries at MAX_QUERY_LENGTH), not search its
 * first words. Long texts, and texts of several sentences, are pastes.
 */

/** Longest text read as a query (Hugging Face's search takes up to 250 characters). */
export const MAX_QUERY_LENGTH = 250;

/** True when `text` reads as a pasted passage rather than a query. */
export function looksLikePastedText(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > MAX_QUERY_LENGTH) return true;
  const sentences = trimmed.match(/[.!?](\s+|$)/g)?.length ?? 0;
  const words = trimmed.split(/\s+/).length;
  return sentences >= 2 && words >= 20;
}
