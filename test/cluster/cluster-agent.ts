/**
 * A reader's browser against several web processes over real HTTP: one cookie jar, each request
 * sent to the process the test names — so a session or CSRF token made by one process is used on
 * another, as behind a load balancer.
 */
import type { TestSmtpServer } from '../smtp.ts';
import { magicLinkIn } from '../web-agent.ts';

export interface Reply {
  status: number;
  text: string;
  location: string | null;
}

export class ClusterAgent {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that carried one (it is bound to the session, not a process). */
  csrf = '';

  /**
   * `ip`: the reader's address as the load balancer forwards it (X-Forwarded-For; the processes
   * run with PAPERBOY_TRUST_PROXY), so per-IP limits count each reader, not the test machine.
   */
  constructor(
    readonly email: string,
    readonly ip?: string,
  ) {}

  async request(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
    const headers = new Headers(init.headers);
    if (this.ip) headers.set('x-forwarded-for', this.ip);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(base + path, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const token = text.match(/name="_csrf" value="([^"]*)"/)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, text, location: res.headers.get('location') };
  }

  get(base: string, path: string): Promise<Reply> {
    return this.request(base, path);
  }

  /** POSTs a form with the CSRF token this reader holds (from whichever process gave it). */
  post(base: string, path: string, fields: Record<string, string>, json = false): Promise<Reply> {
    return this.request(base, path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(json ? { accept: 'application/json' } : {}),
      },
    });
  }

  /**
   * Signs in by emailed link, each step on another process: the form from `a`, the request on
   * `b`, the link's page on `c`, the link used on `a`.
   */
  async signIn(smtp: TestSmtpServer, [a, b, c]: [string, string, string]): Promise<void> {
    await this.get(a, '/signin');
    const sent = await this.post(b, '/signin', { email: this.email });
    if (sent.status !== 200) throw new Error(`sign-in request: ${sent.status} ${sent.text}`);
    const link = new URL(magicLinkIn((await mailTo(smtp, this.email, /sign-in link/)).raw));
    const page = await this.get(c, link.pathname + link.search);
    if (page.status !== 200) throw new Error(`sign-in link page: ${page.status}`);
    const done = await this.post(a, '/auth/magic', { token: link.searchParams.get('token') ?? '' });
    if (done.status !== 303) throw new Error(`sign-in: ${done.status} ${done.text}`);
  }
}

/** The first mail to `address` whose raw text matches `pattern`, waiting for it to arrive. */
export async function mailTo(smtp: TestSmtpServer, address: string, pattern: RegExp) {
  for (let seen = 0; ; seen++) {
    const mails = await smtp.waitFor(seen + 1, 60_000);
    const mail = mails.find((m) => m.to.includes(address) && pattern.test(m.raw));
    if (mail) return mail;
    seen = mails.length - 1;
  }
}
