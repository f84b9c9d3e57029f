/**
 * Serving the app on a port, with graceful shutdown: on SIGTERM/SIGINT stop accepting, let
 * in-flight requests finish (up to a grace period), then run the caller's cleanup (close the store).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from '../../core/logger.ts';

export interface RunningServer {
  /** The bound port (useful when asked for port 0). */
  port: number;
  /** Stops accepting connections and resolves when in-flight requests are done. */
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound. */
export function startServer(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  options: { port: number; host: string; log: Logger },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        resolve({
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${options.port} is already in use. Stop the other process or choose another port with --port or PORT.`,
            { cause: error },
          ),
        );
      } else reject(error);
    });
  });
}

/**
 * Calls `shutdown` once on the first SIGTERM or SIGINT; a second signal exits at once.
 * Returns a function that removes the handlers.
 */
export function onShutdownSignal(
  log: Logger,
  shutdown: (signal: string) => Promise<void>,
): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('second signal, exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    log.info('shutting down', { signal });
    shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
