/**
 * TeX in comments: a markdown-it inline rule takes `$…$`, `$$…$$`, `\(…\)` and `\[…\]` (found by
 * core/text/math-spans.ts, the same rule as titles and abstracts) before emphasis can eat their
 * underscores, and leaves a placeholder; after sanitising, each placeholder becomes Temml's MathML
 * — or the escaped source, when the TeX is bad. Temml's `trust` stays off (no \href, \class).
 */
import type MarkdownIt from 'markdown-it';
import temml from 'temml';
import { mathSpanAt } from '../../core/text/math-spans.ts';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

interface MathEnv {
  math?: { tex: string; display: boolean; source: string }[];
}

/** Registers the rule on `md`. */
export function mathPlugin(md: InstanceType<typeof MarkdownIt>): void {
  md.inline.ruler.before('escape', 'math', (state, silent) => {
    const c = state.src[state.pos];
    if (c !== '$' && c !== '\\') return false;
    const span = mathSpanAt(state.src, state.pos);
    if (!span) return false;
    if (!silent) {
      const env = state.env as MathEnv;
      env.math ??= [];
      const token = state.push('math', '', 0);
      token.content = String(env.math.length);
      env.math.push({ ...span, source: state.src.slice(state.pos, span.end) });
    }
    state.pos = span.end;
    return true;
  });
  md.renderer.rules.math = (tokens, i) => `${OPEN}${tokens[i]?.content ?? ''}${CLOSE}`;
}

/** Removes the placeholder characters from user text (so no one can forge a placeholder). */
export function stripPlaceholders(text: string): string {
  return text.replaceAll(OPEN, '').replaceAll(CLOSE, '');
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Puts the rendered math in place of the placeholders of `html`. */
export function fillMath(html: string, env: MathEnv): string {
  return html.replace(PLACEHOLDER, (_, n: string) => {
    const math = env.math?.[Number(n)];
    if (!math) return '';
    try {
      return temml
        .renderToString(math.tex, { displayMode: math.display, throwOnError: true, annotate: true })
        .replace(/(background-)?color:[^;"]*;?/g, '')
        .replaceAll(' style=""', '');
    } catch {
      return `<span class="tex-source">${escapeHtml(math.source)}</span>`;
    }
  });
}
