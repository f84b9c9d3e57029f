/**
 * `paperboy serve`: migrate, seed the demo corpus on first start, serve the web UI and API, and
 * (unless --no-worker) run the background jobs in the same process.
 */
import type { Command } from 'commander';
import type { Config } from '../../../config.ts';
import { settings } from '../../../config.ts';
import { createContainer } from '../../../container.ts';
import type { Logger } from '../../../core/logger.ts';
import { createApp } from '../../http/app.ts';
import { onShutdownSignal, type RunningServer, startServer } from '../../http/server.ts';
import { buildJobs } from '../../worker/jobs/index.ts';
import { startWorker } from '../../worker/loop.ts';
import { addConfigOptions, commandSetup } from '../context.ts';
import type { CliIo } from '../io.ts';

/** How often a serving process looks at the store's embedding models. */
const MODEL_POLL_MS = 5000;

/** A running `serve`: the server, and when its search model has loaded. */
export interface RunningServe extends RunningServer {
  /** Resolves when the search model is loaded in every thread (at once without a local model). */
  modelReady: Promise<void>;
}

/** Starts everything `serve` runs; `close()` stops the server and then closes the store. */
export async function startServe(config: Config, log: Logger): Promise<RunningServe> {
  const started = Date.now();
  const container = await createContainer(config, { log });
  let warming: Promise<void> | undefined;
  try {
    await container.seedDemo();
    const server = await startServer(createApp(container), {
      port: config.port,
      host: config.host,
      log,
    });
    // Load the search model as soon as pages are served, in its worker threads, so the first
    // searches do not load it (earlier, it competes with seeding the demo for the CPU and delays
    // the first page). Not awaited: a search that comes sooner waits for what is left, and a
    // model that fails to load fails searches as before (keyword fallback).
    warming = container.search.embedder?.warm?.().then(
      () =>
        log.info('search model ready', {
          model: container.search.embedder?.modelId,
          ms: Date.now() - started,
        }),
      (error: unknown) => log.warn('search model failed to load', { error }),
    );
    // Follow model switches made by other processes (`paperboy model use`, a retrain, the
    // worker making a re-embedded model serve) without a restart.
    const following = setInterval(() => {
      container.models.refresh().catch((error) => log.warn('model state unreadable', { error }));
    }, MODEL_POLL_MS);
    following.unref();
    const worker = config.worker
      ? await startWorker({
          jobs: buildJobs(container),
          schedules: container.schedules,
          clock: container.clock,
          log,
          onRun: container.metrics.jobRun,
        })
      : null;
    const shownHost =
      config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    log.info('listening', {
      url: `http://${shownHost}:${server.port}`,
      data_dir: config.dataDir,
      papers: await container.papers.count(),
      startup_ms: Date.now() - started,
    });
    return {
      port: server.port,
      modelReady: warming ?? Promise.resolve(),
      async close() {
        clearInterval(following);
        await server.close();
        await worker?.stop();
        await container.close();
        await warming; // settles once the model's threads are stopped
      },
    };
  } catch (error) {
    await container.close();
    throw error;
  }
}

export function registerServe(program: Command, io: CliIo): void {
  addConfigOptions(program.command('serve'))
    .description('Serve the web UI and API (migrates and seeds the demo corpus on first start)')
    .option('--port <port>', settings.port.doc)
    .option('--host <host>', settings.host.doc)
    .option('--base-url <url>', settings.baseUrl.doc)
    .option('--no-demo', 'Do not load the demo corpus into an empty store')
    .option(
      '--no-worker',
      'Do not run background jobs in this process (run `paperboy worker` instead)',
    )
    .action(async (_opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const server = await startServe(config, log);
      onShutdownSignal(log, async () => {
        await server.close();
        log.info('stopped');
      });
    });
}
