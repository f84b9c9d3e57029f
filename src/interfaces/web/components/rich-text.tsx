/**
 * Plain text as readers expect it on a paper site: TeX (`$O(n^2)$`) rendered to MathML on the
 * server by Temml (no client script; it takes the text colour, so dark mode reads), bad TeX shown
 * as its source, web addresses as links, and search-highlight marks kept. Everything else is
 * escaped by JSX as usual.
 */
import { raw } from 'hono/html';
import { LinkifyIt } from 'linkify-it';
import temml from 'temml';
import { MARK_END, MARK_START } from '../../../core/search/ports.ts';
import { splitMath } from '../../../core/text/math-spans.ts';

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false });
const cache = new Map<string, string | null>();
const CACHE_SIZE = 2000;

/**
 * TeX → MathML, or null when Temml cannot read it. Macros that load URLs or add classes stay off
 * (Temml's `trust` is false) and colours are dropped, so a formula cannot vanish on a dark page.
 */
export function texToMathml(tex: string, display: boolean): string | null {
  const key = `${display ? 'D' : 'I'}${tex}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  let html: string | null;
  try {
    html = temml
      .renderToString(tex, { displayMode: display, throwOnError: true, annotate: true })
      .replace(/(background-)?color:[^;"]*;?/g, '')
      .replaceAll(' style=""', '');
  } catch {
    html = null;
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return html;
}

/** Text with its web addresses as links (http, https only; fuzzy matches are not guessed). */
function Linked({ text, marked }: { text: string; marked: boolean }) {
  const matches = linkify.match(text) ?? [];
  if (matches.length === 0) return <Marked text={text} marked={marked} />;
  const out = [];
  let at = 0;
  for (const m of matches) {
    if (!/^https?:/i.test(m.url)) continue;
    out.push(<Marked text={text.slice(at, m.index)} marked={marked} />);
    out.push(
      <a href={m.url} rel="nofollow noopener">
        <Marked text={m.text} marked={marked} />
      </a>,
    );
    at = m.lastIndex;
  }
  out.push(<Marked text={text.slice(at)} marked={marked} />);
  return <>{out}</>;
}

/** Text whose MARK_START…MARK_END parts become <mark> (when `marked`). */
function Marked({ text, marked }: { text: string; marked: boolean }) {
  if (!marked || !text.includes(MARK_START)) {
    return <>{text.replaceAll(MARK_START, '').replaceAll(MARK_END, '')}</>;
  }
  return (
    <>
      {text.split(MARK_START).map((part, i) => {
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

export interface RichTextProps {
  text: string;
  /** Turn web addresses into links (not inside titles, which are links themselves). */
  links?: boolean;
  /** Keep search-highlight marks (MARK_START…MARK_END) as <mark>. */
  marked?: boolean;
}

/** Renders `text` with math, links and marks; see the file header. */
export function RichText({ text, links = false, marked = false }: RichTextProps) {
  const parts = splitMath(text);
  return (
    <>
      {parts.map((part) => {
        if (part.kind === 'text') {
          return links ? (
            <Linked text={part.text} marked={marked} />
          ) : (
            <Marked text={part.text} marked={marked} />
          );
        }
        const hadMark = part.tex.includes(MARK_START);
        const tex = part.tex.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
        const mathml = texToMathml(tex, part.display);
        if (mathml === null) {
          const source = part.source.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
          return <span class="tex-source">{source}</span>;
        }
        return hadMark && marked ? <mark>{raw(mathml)}</mark> : raw(mathml);
      })}
    </>
  );
}
