/**
 * The text of a paper that gets embedded, and its hash (so unchanged papers are not re-embedded
 * when only their upvotes or comments changed).
 */
import { createHash } from 'node:crypto';
import type { Paper } from '../papers/model.ts';

/**
 * Title and abstract, the fields that say what a paper is about. Whitespace runs count as one
 * space: an abstract kept with its paragraph breaks embeds (and hashes) like its one-line form.
 */
export function documentText(paper: Pick<Paper, 'title' | 'abstract'>): string {
  return `${paper.title.trim()}\n${paper.abstract.replace(/\s+/g, ' ').trim()}`;
}

/** A short, stable hash of `text`. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}
