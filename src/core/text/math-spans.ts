/**
 * Finding TeX in plain text (titles, abstracts) the way arXiv authors write it: `$…$` and `\(…\)`
 * inline, `$$…$$` and `\[…\]` displayed. Pandoc's rule keeps prices apart from math: an opening
 * `$` has no space after it, a closing `$` no space before it and no digit after it.
 */

export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'math'; tex: string; display: boolean; source: string };

/** Longest TeX span taken as math; longer ones are left as text. */
const MAX_TEX = 2000;

const PAIRS: [open: string, close: string, display: boolean][] = [
  ['$$', '$$', true],
  ['\\[', '\\]', true],
  ['\\(', '\\)', false],
  ['$', '$', false],
];

/** The math span starting at `at`, or null when there is none. */
export function mathSpanAt(
  text: string,
  at: number,
): { end: number; tex: string; display: boolean } | null {
  if (text[at - 1] === '\\') return null;
  for (const [open, close, display] of PAIRS) {
    if (!text.startsWith(open, at)) continue;
    const from = at + open.length;
    let end = text.indexOf(close, from);
    if (open === '$') {
      if (/\s/.test(text[from] ?? ' ')) return null;
      while (end !== -1 && (text[end - 1] === '\\' || /\s/.test(text[end - 1] ?? ''))) {
        end = text.indexOf(close, end + 1);
      }
      if (end !== -1 && /\d/.test(text[end + 1] ?? '')) return null;
    }
    if (end === -1 || end === from || end - from > MAX_TEX) return null;
    const tex = text.slice(from, end);
    if (open === '$' && tex.includes('\n\n')) return null;
    return { end: end + close.length, tex, display };
  }
  return null;
}

/** Splits text into plain parts and math parts, in order; text without math is one part. */
export function splitMath(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  let i = text.search(/[$\\]/);
  while (i !== -1 && i < text.length) {
    const span = mathSpanAt(text, i);
    if (span) {
      if (i > plainFrom) parts.push({ kind: 'text', text: text.slice(plainFrom, i) });
      parts.push({
        kind: 'math',
        tex: span.tex,
        display: span.display,
        source: text.slice(i, span.end),
      });
      plainFrom = span.end;
      i = span.end;
    } else i += 1;
    const next = text.slice(i).search(/[$\\]/);
    i = next === -1 ? -1 : i + next;
  }
  if (plainFrom < text.length) parts.push({ kind: 'text', text: text.slice(plainFrom) });
  return parts;
}
