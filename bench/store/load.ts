/**
 * HTTP load for bench:store: concurrent clients against real server processes, each with its own
 * signed-in session (cookie + CSRF token), counting answered requests per second.
 */

export interface Client {
  cookie: string;
  csrf: string;
}

/** A session cookie and its CSRF token, read from a page the way a browser gets it. */
export async function clientFor(base: string, token: string): Promise<Client> {
  const cookie = `pb_session=${token}`;
  const page = await (await fetch(`${base}/collections`, { headers: { cookie } })).text();
  const csrf = page.match(/name="_csrf" value="([^"]*)"/)?.[1];
  if (!csrf) throw new Error('no CSRF token on /collections: is the session valid?');
  return { cookie, csrf };
}

/**
 * Runs `total` requests from `concurrency` loops (loop i uses client i mod clients and the base
 * URL i mod bases); resolves with requests per second. Any answer but `expect` is an error.
 */
export async function drive(options: {
  bases: string[];
  clients: Client[];
  concurrency: number;
  total: number;
  expect: number;
  request: (n: number, client: Client) => { path: string; init?: RequestInit };
}): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const loop = async (i: number) => {
    const base = options.bases[i % options.bases.length] as string;
    const client = options.clients[i % options.clients.length] as Client;
    for (let n = next++; n < options.total; n = next++) {
      const { path, init } = options.request(n, client);
      const headers = new Headers(init?.headers);
      headers.set('cookie', client.cookie);
      const res = await fetch(base + path, { ...init, headers, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== options.expect) {
        throw new Error(
          `${init?.method ?? 'GET'} ${path}: ${res.status}, expected ${options.expect}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => loop(i)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return options.total / seconds;
}

/** A form POST with the client's CSRF token. */
export function form(client: Client, fields: Record<string, string>, json = false): RequestInit {
  return {
    method: 'POST',
    body: new URLSearchParams({ _csrf: client.csrf, ...fields }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(json ? { accept: 'application/json' } : {}),
    },
  };
}
