/**
 * The short transactional mails of subscribing: "confirm your subscription" (double opt-in),
 * "you are already subscribed", and "here is a link to manage your subscriptions". Plain text
 * and a minimal HTML twin from the same fields.
 */
import { esc, type RenderedMail } from './render-digest.ts';

export interface Notice {
  subject: string;
  lines: string[];
  /** The one action of the mail. */
  action: { label: string; url: string };
  /** Closing line (why this arrives, what to do if unexpected). */
  footer: string;
}

export function renderNotice(n: Notice): RenderedMail {
  const text = [...n.lines, '', `${n.action.label}: ${n.action.url}`, '', '--', n.footer, ''].join(
    '\n',
  );
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${esc(n.subject)}</title></head>
<body style="margin:0;padding:16px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;">
<div style="max-width:560px;margin:0 auto;">
<p style="font-weight:700;color:#b4400a;margin:0 0 12px;">paperboy</p>
${n.lines.map((l) => `<p style="margin:0 0 12px;">${esc(l)}</p>`).join('\n')}
<p style="margin:20px 0;"><a href="${esc(n.action.url)}" style="display:inline-block;background:#b4400a;color:#ffffff;padding:10px 18px;border-radius:8px;text-decoration:none;font-weight:600;">${esc(n.action.label)}</a></p>
<p style="margin:0 0 12px;font-size:13px;color:#5f6368;">Or open this link: <a href="${esc(n.action.url)}" style="color:#1a56b0;word-break:break-all;">${esc(n.action.url)}</a></p>
<p style="margin:16px 0 0;padding-top:12px;border-top:1px solid #e3e3e0;font-size:13px;color:#5f6368;">${esc(n.footer)}</p>
</div></body></html>
`;
  return { subject: n.subject, html, text };
}
