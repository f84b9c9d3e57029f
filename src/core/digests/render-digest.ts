/**
 * Renders a digest's content as HTML and as plain text — from the same object, so both always
 * say the same. The HTML is what mail clients handle: one centred table, inline styles, system
 * fonts, no images, no scripts; colours that read well light or dark (clients that honour
 * prefers-color-scheme get a dark palette, the rest get neutral colours that survive inversion).
 */
import type { DigestContent, DigestPaperView } from './digest-content.ts';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const C = {
  text: '#1d1d1f',
  muted: '#5f6368',
  accent: '#b4400a',
  link: '#1a56b0',
  border: '#e3e3e0',
};
const FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";

/** Both bodies and the subject of a digest. */
export function renderDigest(content: DigestContent): RenderedMail {
  return { subject: content.subject, html: renderHtml(content), text: renderText(content) };
}

function renderText(c: DigestContent): string {
  const lines = [`${c.heading} — ${c.periodLabel}`, '', c.intro, ''];
  c.papers.forEach((p, i) => {
    const facts = [`▲ ${p.upvotes}`, p.relevance === null ? null : `${p.relevance}% match`]
      .filter(Boolean)
      .join(' · ');
    lines.push(`${i + 1}. ${p.title}`, `   ${p.byline}`, `   ${p.summary}`, `   ${facts}`);
    lines.push(`   ${p.url}`, `   PDF: ${p.pdfUrl}`, '');
  });
  lines.push(`${c.moreLabel}: ${c.moreUrl}`, '', '--', c.reason);
  lines.push(`Manage your subscriptions: ${c.manageUrl}`, `Unsubscribe: ${c.unsubscribeUrl}`, '');
  return lines.join('\n');
}

function renderHtml(c: DigestContent): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${esc(c.subject)}</title>
<style>
@media (prefers-color-scheme: dark) {
  .pb-body { background: #121316 !important; color: #e8e8e6 !important; }
  .pb-card { background: #1b1d21 !important; border-color: #2c2f35 !important; }
  .pb-text { color: #e8e8e6 !important; }
  .pb-muted { color: #a0a4ab !important; }
  .pb-accent { color: #ff9a5c !important; }
  .pb-link { color: #8ab4f8 !important; }
}
</style>
</head>
<body class="pb-body" style="margin:0;padding:0;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${esc(c.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;font-family:${FONT};font-size:16px;line-height:1.5;color:${C.text};">
<tr><td class="pb-accent" style="padding:0 8px 4px;font-weight:700;font-size:15px;color:${C.accent};">paperboy</td></tr>
<tr><td style="padding:0 8px;">
<h1 class="pb-text" style="margin:0;font-size:22px;line-height:1.3;color:${C.text};">${esc(c.heading)}</h1>
<p class="pb-muted" style="margin:2px 0 12px;color:${C.muted};font-size:14px;">${esc(c.periodLabel)} · ${esc(c.intro)}</p>
</td></tr>
${c.papers.map(paperRow).join('\n')}
<tr><td style="padding:8px 8px 16px;"><a class="pb-link" href="${esc(c.moreUrl)}" style="color:${C.link};font-weight:600;text-decoration:none;">${esc(c.moreLabel)} →</a></td></tr>
<tr><td class="pb-muted" style="padding:12px 8px;border-top:1px solid ${C.border};color:${C.muted};font-size:13px;">
${esc(c.reason)}<br>
<a class="pb-link" href="${esc(c.manageUrl)}" style="color:${C.link};">Manage your subscriptions</a> · <a class="pb-link" href="${esc(c.unsubscribeUrl)}" style="color:${C.link};">Unsubscribe</a>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function paperRow(p: DigestPaperView): string {
  const relevance =
    p.relevance === null ? '' : ` · <span class="pb-muted">${p.relevance}% match</span>`;
  return `<tr><td style="padding:6px 8px;">
<div class="pb-card" style="border:1px solid ${C.border};border-radius:10px;padding:12px 14px;">
<a class="pb-text" href="${esc(p.url)}" style="color:${C.text};font-weight:650;font-size:17px;line-height:1.35;text-decoration:none;">${esc(p.title)}</a>
<div class="pb-muted" style="color:${C.muted};font-size:13px;margin:2px 0 6px;">${esc(p.byline)}</div>
<div class="pb-text" style="color:${C.text};font-size:15px;margin:0 0 8px;">${esc(p.summary)}</div>
<div class="pb-muted" style="color:${C.muted};font-size:13px;"><span class="pb-accent" style="color:${C.accent};font-weight:700;">▲ ${p.upvotes}</span>${relevance} · <a class="pb-link" href="${esc(p.url)}" style="color:${C.link};">arXiv:${esc(p.id)}</a> · <a class="pb-link" href="${esc(p.pdfUrl)}" style="color:${C.link};">PDF</a></div>
</div>
</td></tr>`;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
