/**
 * A local HTTP server on 127.0.0.1 that replays recorded responses of remote sources (arXiv, Hugging
 * Face), so source clients are tested over real HTTP without the network. Each test supplies a
 * handler from request URL to a recorded response; every request is logged for assertions.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type Handler = (url: URL) => Reply | Promise<Reply>;

export interface ReplayServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Every request URL seen, in order, with the time it arrived (ms). */
  requests: { url: URL; at: number }[];
  /** Replaces the handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Reads a fixture file (path relative to test/fixtures). */
export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** A recorded arXiv API call ({url, status_code, body}, as in test/fixtures/arxiv-atom). */
export function recordedCall(path: string): { url: URL; status: number; body: string } {
  const call = JSON.parse(fixture(path)) as { url: string; status_code: number; body: string };
  return { url: new URL(call.url), status: call.status_code, body: call.body };
}

/** Starts a replay server on a free loopback port. */
export async function startReplayServer(handler: Handler = notFound): Promise<ReplayServer> {
  let current = handler;
  const requests: { url: URL; at: number }[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url, at: Date.now() });
    Promise.resolve(current(url))
      .then((reply) => {
        res.writeHead(reply.status ?? 200, {
          'content-type': 'text/xml; charset=utf-8',
          ...reply.headers,
        });
        res.end(reply.body);
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function notFound(url: URL): Reply {
  return { status: 404, body: `no recording for ${url.pathname}${url.search}` };
}
