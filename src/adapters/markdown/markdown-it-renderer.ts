/**
 * User Markdown to safe HTML in two well-kept steps: markdown-it renders with raw HTML disabled
 * (so `<script>` stays text) and its link validator drops javascript:/vbscript:/data: URLs; then
 * sanitize-html keeps only an allowlist of tags and attributes (no event handlers, no style) and
 * only http(s)/mailto links — defence in depth should either library slip. TeX is rendered to
 * MathML after sanitising (temml-math.ts), from placeholders users cannot forge.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { MarkdownRenderer } from '../../core/community/ports.ts';
import { fillMath, mathPlugin, stripPlaceholders } from './temml-math.ts';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // Links from users carry no weight and cannot reach back through window.opener.
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer' }),
    // Headings start at h3 so a comment cannot outrank the page's own headings.
    h1: 'h3',
    h2: 'h4',
  },
};
ALLOWED.allowedAttributes = { ...ALLOWED.allowedAttributes, a: ['href', 'title', 'rel'] };

export class MarkdownItRenderer implements MarkdownRenderer {
  private readonly md = new MarkdownIt({
    html: false,
    linkify: true,
    breaks: true,
    typographer: false,
  }).use(mathPlugin);

  constructor() {
    // Images become links to the image: a comment must not make every reader's browser fetch a
    // third-party URL (a tracking pixel), and an <img> sanitize-html refuses would show as text.
    this.md.renderer.rules.image = (tokens, idx) => {
      const token = tokens[idx];
      const src = String(token?.attrGet('src') ?? '');
      const alt = token?.content || 'image';
      const esc = this.md.utils.escapeHtml;
      return `<a href="${esc(src)}">${esc(`image: ${alt}`)}</a>`;
    };
  }

  render(markdown: string): string {
    const env = {};
    const html = this.md.render(stripPlaceholders(markdown), env);
    return fillMath(sanitizeHtml(html, ALLOWED), env);
  }
}
