/**
 * Renders text with highlight marks (MARK_START … MARK_END from the search index) as <mark>
 * elements; everything else is escaped by JSX as usual.
 */
import { MARK_END, MARK_START } from '../../../core/search/ports.ts';

/** `text` with its marked parts wrapped in <mark>. */
export function MarkedText({ text }: { text: string }) {
  const parts = text.split(MARK_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return part;
        const end = part.indexOf(MARK_END);
        if (end === -1) return part;
        return (
          <>
            <mark>{part.slice(0, end)}</mark>
            {part.slice(end + 1)}
          </>
        );
      })}
    </>
  );
}

/** The text without marks (for attributes and plain output). */
export function unmark(text: string): string {
  return text.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
}
