/**
 * A real SMTP server in-process on 127.0.0.1 (the `smtp-server` package) that keeps every message
 * it accepts. Tests send through the real SmtpMailer and read what arrived.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Whether the session ran over TLS (STARTTLS or implicit). */
  secure: boolean;
  /** The authenticated user, if the client logged in. */
  user: string | undefined;
  /** The raw RFC 5322 message. */
  raw: string;
  /** Header value by lower-case name (first occurrence, unfolded). */
  header(name: string): string | undefined;
}

export interface TestSmtpServer {
  port: number;
  mails: ReceivedMail[];
  /** Makes the server answer RCPT TO for `address` with this SMTP code (e.g. 550). */
  reject(address: string, code: number): void;
  /** Resolves when `count` mails have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /**
   * Resolves when `count` client sessions have ended, as the server saw it: a message cut short
   * in a session that ended is discarded and can no longer arrive.
   */
  waitForClosed(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A protocol moment a test can act on (kill tests stop the sender at each of them). */
export interface SmtpEvent {
  /** `data-end`: the whole message is stored, the 250 not sent yet; `accepted`: 250 sent. */
  type: 'mail-from' | 'rcpt-to' | 'data-chunk' | 'data-end' | 'accepted';
  /** Mails accepted before this event. */
  accepted: number;
}

export interface SmtpServerOptions {
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Offer STARTTLS with smtp-server's built-in self-signed certificate. */
  starttls?: boolean;
  /** Require AUTH (PLAIN or LOGIN) with these credentials. */
  auth?: { user: string; password: string };
  /** Do not advertise PIPELINING. */
  noPipelining?: boolean;
  /**
   * Called at each protocol event. On `data-end` the whole message has arrived and is stored;
   * the 250 reply waits until the returned promise settles.
   */
  onEvent?: (event: SmtpEvent) => void | Promise<void>;
}

/** Starts the server (on a free port unless `options.port`). */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const rejections = new Map<string, number>();
  const waiters: (() => void)[] = [];
  let closed = 0;
  const closeWaiters: { count: number; resolve: () => void }[] = [];
  const event = (type: SmtpEvent['type']) => options.onEvent?.({ type, accepted: mails.length });
  const server = new SMTPServer({
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    hidePIPELINING: options.noPipelining ?? false,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = auth.username === options.auth?.user && auth.password === options.auth?.password;
      if (!ok) return callback(new Error('invalid credentials'));
      return callback(null, { user: auth.username });
    },
    onClose() {
      closed++;
      for (const w of closeWaiters.filter((w) => closed >= w.count)) {
        closeWaiters.splice(closeWaiters.indexOf(w), 1);
        w.resolve();
      }
    },
    onMailFrom(_address, _session, callback) {
      void event('mail-from');
      callback();
    },
    onRcptTo(address, _session, callback) {
      void event('rcpt-to');
      const code = rejections.get(address.address.toLowerCase());
      if (!code) return callback();
      const error = Object.assign(new Error(`mailbox unavailable (${code})`), {
        responseCode: code,
      });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        void event('data-chunk');
      });
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const accepted = mails.length;
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
          header: (name) => headerOf(raw, name),
        });
        for (const w of waiters.splice(0)) w();
        const reply = () => {
          callback();
          void options.onEvent?.({ type: 'accepted', accepted: accepted + 1 });
        };
        Promise.resolve(options.onEvent?.({ type: 'data-end', accepted })).then(reply, reply);
      });
    },
  });
  // A client that dies mid-session (kill tests) resets its connection; that is not our error.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    reject: (address, code) => rejections.set(address.toLowerCase(), code),
    async waitFor(count, timeoutMs = 10_000) {
      // Woken by each arriving mail; the timer only turns a hang into a clear failure.
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`expected ${count} mails, got ${mails.length}`)),
          timeoutMs,
        );
      });
      try {
        while (mails.length < count) {
          await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), gaveUp]);
        }
      } finally {
        clearTimeout(timer);
      }
      return mails;
    },
    waitForClosed: (count) =>
      closed >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => closeWaiters.push({ count, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
