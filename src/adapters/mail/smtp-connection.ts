/**
 * One SMTP client connection (RFC 5321) to a relay: plain, STARTTLS (RFC 3207) or implicit TLS,
 * AUTH PLAIN/LOGIN (RFC 4954), PIPELINING (RFC 2920). It exists because exactly-once delivery needs
 * a hook at the single moment that decides delivery — after the message body has reached the
 * server, before the end-of-data marker is written — and nodemailer's transports do not expose it.
 * MIME building stays with nodemailer (smtp-mailer.ts); this file only speaks the protocol.
 */
import net from 'node:net';
import tls from 'node:tls';

export interface SmtpConnectionOptions {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465). Otherwise STARTTLS is used when offered. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** Socket and reply timeout in ms. */
  timeoutMs: number;
  /** Extra TLS options (tests pass `rejectUnauthorized: false` for a self-signed server). */
  tls?: tls.ConnectionOptions | undefined;
  /** Name sent with EHLO. Default: the machine's host name is not leaked; `paperboy.localdomain`. */
  clientName?: string | undefined;
}

/** A reply that was not what the command needed, or a connection that failed. */
export class SmtpError extends Error {
  constructor(
    message: string,
    /** The SMTP reply code, or undefined for connection problems (always transient). */
    readonly responseCode: number | undefined,
    /** True when the failure came after the commit hook ran: the server may have the message. */
    readonly afterCommit = false,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

interface Reply {
  code: number;
  text: string;
}

/** Largest reply we accept, so a broken server cannot make us buffer without bound. */
const MAX_REPLY_BYTES = 64 * 1024;

export class SmtpConnection {
  private socket: net.Socket;
  private buffer = '';
  private lines: string[] = [];
  private readonly replies: Reply[] = [];
  private readonly waiters: { resolve(r: Reply): void; reject(e: Error): void }[] = [];
  private failure: SmtpError | null = null;
  private extensions = new Set<string>();
  private authMethods: string[] = [];

  private constructor(
    socket: net.Socket,
    private readonly options: SmtpConnectionOptions,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Connects, reads the greeting, says EHLO, upgrades to TLS when offered, authenticates. */
  static async open(options: SmtpConnectionOptions): Promise<SmtpConnection> {
    const socket = options.secure
      ? tls.connect({
          host: options.host,
          port: options.port,
          servername: sni(options.host),
          ...options.tls,
        })
      : net.connect({ host: options.host, port: options.port });
    const connection = new SmtpConnection(socket, options);
    try {
      await connection.expect(await connection.next(), [220], 'greeting');
      await connection.hello();
      if (!options.secure && connection.extensions.has('STARTTLS')) {
        await connection.expect(await connection.command('STARTTLS'), [220], 'STARTTLS');
        await connection.upgrade();
        await connection.hello();
      }
      if (options.user) await connection.authenticate(options.user, options.password ?? '');
      return connection;
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  /** False once the connection failed or was closed; open a new one then. */
  get usable(): boolean {
    return this.failure === null && !this.socket.destroyed;
  }

  /**
   * Sends one message (already MIME-encoded) to one recipient. `commit` runs after the body has
   * been handed to the kernel and before the end-of-data marker is written; if it throws, the
   * connection is dropped so the server discards the message. Resolves with the server's reply.
   */
  async send(
    from: string,
    to: string,
    message: Buffer,
    commit?: () => void | Promise<void>,
  ): Promise<string> {
    const eight = this.extensions.has('8BITMIME') ? ' BODY=8BITMIME' : '';
    const utf8 = this.extensions.has('SMTPUTF8') && !isAscii(from + to) ? ' SMTPUTF8' : '';
    const commands = [`MAIL FROM:<${from}>${eight}${utf8}`, `RCPT TO:<${to}>`, 'DATA'];
    let replies: Reply[];
    if (this.extensions.has('PIPELINING')) {
      this.write(`${commands.join('\r\n')}\r\n`);
      replies = [await this.next(), await this.next(), await this.next()];
    } else {
      replies = [];
      for (const c of commands) {
        const reply = await this.command(c);
        replies.push(reply);
        if (reply.code >= 400) break;
      }
    }
    const [mail, rcpt, data] = replies;
    const refused = [mail, rcpt].find((r) => r !== undefined && r.code >= 400);
    if (refused || data?.code !== 354) {
      // A server that said 354 despite a refused recipient gets an empty message for nobody.
      if (data?.code === 354) {
        this.write('.\r\n');
        await this.next();
      }
      await this.reset();
      const bad = refused ?? data ?? { code: 0, text: 'no reply' };
      throw new SmtpError(`${bad.code} ${bad.text}`, bad.code || undefined);
    }
    await this.writeAndDrain(dotStuff(message));
    if (commit) {
      try {
        // A synchronous commit is not awaited: the end-of-data marker then follows it within the
        // same turn of the event loop, which keeps the crash window as small as it can be.
        const pending = commit();
        if (pending) await pending;
      } catch (error) {
        this.destroy(); // the server sees the data phase cut short and discards the message
        throw error;
      }
    }
    // Written right after the commit: from here on the server may accept the message.
    this.write('.\r\n');
    let reply: Reply;
    try {
      reply = await this.next();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new SmtpError(
        `${why} (after the end of data; the server may have the message)`,
        undefined,
        true,
      );
    }
    if (reply.code !== 250) {
      throw new SmtpError(`${reply.code} ${reply.text}`, reply.code, true);
    }
    return `${reply.code} ${reply.text}`;
  }

  /** Aborts a transaction (RSET), keeping the connection for the next message. */
  async reset(): Promise<void> {
    if (!this.usable) return;
    const reply = await this.command('RSET').catch(() => null);
    if (reply?.code !== 250) this.destroy();
  }

  /** Says goodbye politely, then closes. */
  async quit(): Promise<void> {
    if (this.usable) await this.command('QUIT').catch(() => null);
    this.destroy();
  }

  /** Closes the socket at once. */
  destroy(): void {
    this.fail(new SmtpError('connection closed', undefined));
    this.socket.destroy();
  }

  private async hello(): Promise<void> {
    const name = this.options.clientName ?? 'paperboy.localdomain';
    let reply = await this.command(`EHLO ${name}`);
    if (reply.code !== 250)
      reply = await this.expect(await this.command(`HELO ${name}`), [250], 'HELO');
    const lines = reply.text.split('\n').slice(1);
    this.extensions = new Set(lines.map((l) => (l.split(/\s+/)[0] ?? '').toUpperCase()));
    const auth = lines.find((l) => /^AUTH[ =]/i.test(l));
    this.authMethods = auth ? auth.slice(5).toUpperCase().split(/\s+/) : [];
  }

  private async upgrade(): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    plain.removeAllListeners('timeout');
    const secure = tls.connect({
      socket: plain,
      servername: sni(this.options.host),
      ...this.options.tls,
    });
    this.socket = secure;
    this.attach(secure);
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
  }

  private async authenticate(user: string, password: string): Promise<void> {
    if (this.authMethods.includes('PLAIN')) {
      const token = Buffer.from(`\u0000${user}\u0000${password}`).toString('base64');
      await this.expect(await this.command(`AUTH PLAIN ${token}`), [235], 'AUTH PLAIN');
      return;
    }
    if (this.authMethods.includes('LOGIN')) {
      await this.expect(await this.command('AUTH LOGIN'), [334], 'AUTH LOGIN');
      await this.expect(await this.command(b64(user)), [334], 'AUTH LOGIN user');
      await this.expect(await this.command(b64(password)), [235], 'AUTH LOGIN password');
      return;
    }
    throw new SmtpError(
      `the server offers no AUTH method we speak (PLAIN, LOGIN); it offers: ${this.authMethods.join(' ') || 'none'}`,
      530,
    );
  }

  private async command(line: string): Promise<Reply> {
    this.write(`${line}\r\n`);
    return this.next();
  }

  private async expect(reply: Reply, codes: number[], what: string): Promise<Reply> {
    if (codes.includes(reply.code)) return reply;
    throw new SmtpError(`${what}: ${reply.code} ${reply.text}`, reply.code);
  }

  private write(text: string): void {
    if (this.failure) throw this.failure;
    this.socket.write(text);
  }

  private writeAndDrain(data: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.socket.write(data, (error) => (error ? reject(this.failure ?? error) : resolve()));
    });
  }

  /** The next complete reply from the server. */
  private next(): Promise<Reply> {
    const reply = this.replies.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private attach(socket: net.Socket): void {
    // SMTP is a dialogue of small writes (commands, the end-of-data line); without this, Nagle's
    // algorithm holds each one back until the previous segment is acknowledged (up to 40 ms).
    socket.setNoDelay(true);
    socket.setTimeout(this.options.timeoutMs);
    socket.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')));
    socket.on('timeout', () => {
      this.fail(
        new SmtpError(
          `no answer from the SMTP server within ${this.options.timeoutMs} ms`,
          undefined,
        ),
      );
      socket.destroy();
    });
    socket.on('error', (error) => this.fail(new SmtpError(error.message, undefined)));
    socket.on('close', () =>
      this.fail(new SmtpError('the SMTP server closed the connection', undefined)),
    );
  }

  private receive(text: string): void {
    this.buffer += text;
    if (this.buffer.length > MAX_REPLY_BYTES) {
      this.fail(new SmtpError('the SMTP server sent an oversized reply', undefined));
      this.socket.destroy();
      return;
    }
    let end = this.buffer.indexOf('\n');
    while (end >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      this.lines.push(line);
      if (!/^\d{3}-/.test(line)) this.complete();
      end = this.buffer.indexOf('\n');
    }
  }

  private complete(): void {
    const lines = this.lines.splice(0);
    const code = Number((lines[lines.length - 1] ?? '').slice(0, 3));
    const reply = {
      code: Number.isFinite(code) ? code : 0,
      text: lines.map((l) => l.slice(4)).join('\n'),
    };
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(reply);
    else this.replies.push(reply);
  }

  private fail(error: SmtpError): void {
    if (this.failure) return;
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }
}

/**
 * The message as DATA content (RFC 5321 §4.5.2): CRLF line ends, a dot doubled at the start of a
 * line, ending with CRLF so the caller's "." line terminates it.
 */
export function dotStuff(message: Buffer): Buffer {
  let text = message.toString('utf8');
  // MailComposer already writes CRLF; only rewrite when a bare CR or LF is there.
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) text = text.replace(/\r?\n|\r/g, '\r\n');
  if (!text.endsWith('\r\n')) text += '\r\n';
  if (text.startsWith('.') || text.includes('\n.')) text = text.replace(/^\./gm, '..');
  return Buffer.from(text, 'utf8');
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** TLS SNI must not be an IP address. */
function sni(host: string): string | undefined {
  return net.isIP(host) ? undefined : host;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
