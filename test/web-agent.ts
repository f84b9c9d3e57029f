/**
 * A cookie-keeping client for in-process HTTP tests (`app.request`): GET pages, POST forms with
 * the CSRF token taken from the last page, and sign up through a real emailed magic link.
 */
import type { TestSmtpServer } from './smtp.ts';

interface AppLike {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export interface Reply {
  status: number;
  text: string;
  location: string | null;
  headers: Headers;
}

/** The sign-in link in a received mail (undoing quoted-printable soft breaks and escapes). */
export function magicLinkIn(raw: string): string {
  const decoded = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = decoded.match(/https?:\/\/[^\s"<>]+\/auth\/magic\?token=[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no sign-in link in mail:\n${raw}`);
  return match[0];
}

export class WebAgent {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last HTML page fetched. */
  csrf = '';

  constructor(private readonly app: AppLike) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Reply> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const res = await this.app.request(path, { ...init, headers });
    this.remember(res);
    const text = await res.text();
    const token = text.match(/name="_csrf" value="([^"]*)"/)?.[1];
    if (token) this.csrf = token;
    return {
      status: res.status,
      text,
      location: res.headers.get('location'),
      headers: res.headers,
    };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(path, { headers });
  }

  /** POSTs a urlencoded form; adds `_csrf` from the last page unless `fields._csrf` is given. */
  post(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...fields });
    return this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  /** Signs up (or in) with `email` through the emailed link; returns the link used. */
  async signIn(email: string, smtp: TestSmtpServer): Promise<string> {
    await this.get('/signin');
    const before = smtp.mails.length;
    const sent = await this.post('/signin', { email });
    if (sent.status !== 200)
      throw new Error(`sign-in request failed: ${sent.status}\n${sent.text}`);
    const mails = await smtp.waitFor(before + 1);
    const mail = mails.slice(before).find((m) => m.to.includes(email.toLowerCase()));
    if (!mail) throw new Error(`no mail to ${email}`);
    const link = magicLinkIn(mail.raw);
    const path = new URL(link).pathname + new URL(link).search;
    const confirm = await this.get(path);
    if (confirm.status !== 200) throw new Error(`link page failed: ${confirm.status}`);
    const token = new URL(link).searchParams.get('token') ?? '';
    const done = await this.post('/auth/magic', { token });
    if (done.status !== 303) throw new Error(`sign-in failed: ${done.status}\n${done.text}`);
    return link;
  }
}
