/**
 * Highlighting in plain code (no second full-text query): marks the words of a text that match
 * the query's stems, and picks the densest window of an abstract as its snippet.
 */
import { type Highlight, type HighlightSource, MARK_END, MARK_START } from './ports.ts';

const WORD = /[\p{L}\p{N}]+/gu;

/** True when `token` (lower case) is a form of `stem`: equal, or the stem plus a short ending. */
function matches(token: string, stems: string[]): boolean {
  return stems.some((s) =>
    s.length < 3 ? token === s : token.startsWith(s) && token.length - s.length <= 4,
  );
}

/** `text` with matching words wrapped in MARK_START…MARK_END; `hit` says whether any matched. */
export function markText(text: string, stems: string[]): { text: string; hit: boolean } {
  let hit = false;
  const out = text.replace(WORD, (w) => {
    if (!matches(w.toLowerCase(), stems)) return w;
    hit = true;
    return `${MARK_START}${w}${MARK_END}`;
  });
  return { text: out, hit };
}

/** The `size`-word window of `text` with the most matches, marked, with ellipses where cut. */
export function snippetOf(
  text: string,
  stems: string[],
  size = 40,
): { text: string; hit: boolean } {
  const words = [...text.matchAll(WORD)];
  if (words.length <= size) return markText(text, stems);
  const hits = words.map((m) => (matches(m[0].toLowerCase(), stems) ? 1 : 0));
  let best = 0;
  let bestAt = 0;
  let current = hits.slice(0, size).reduce<number>((a, b) => a + b, 0);
  best = current;
  for (let i = 1; i + size <= hits.length; i++) {
    current += (hits[i + size - 1] ?? 0) - (hits[i - 1] ?? 0);
    if (current > best) {
      best = current;
      bestAt = i;
    }
  }
  const start = bestAt === 0 ? 0 : (words[bestAt]?.index ?? 0);
  const last = words[Math.min(words.length, bestAt + size) - 1];
  const end = last ? (last.index ?? 0) + last[0].length : text.length;
  const marked = markText(text.slice(start, end), stems);
  return {
    text: `${start > 0 ? '…' : ''}${marked.text}${end < text.length ? '…' : ''}`,
    hit: marked.hit,
  };
}

/**
 * Highlighted title, abstract snippet and matched fields of each paper that holds one of the
 * query's stems (papers without any are left out). The same on every engine.
 */
export function highlightPapers(
  papers: HighlightSource[],
  stems: string[],
): Map<string, Highlight> {
  const out = new Map<string, Highlight>();
  if (stems.length === 0) return out;
  for (const p of papers) {
    const title = markText(p.title, stems);
    const snippet = snippetOf(p.abstract, stems);
    const authors = markText(p.authors.join(', '), stems);
    const fields: Highlight['fields'] = [];
    if (title.hit) fields.push('title');
    if (snippet.hit) fields.push('abstract');
    if (authors.hit) fields.push('authors');
    if (fields.length > 0) out.set(p.id, { title: title.text, snippet: snippet.text, fields });
  }
  return out;
}
