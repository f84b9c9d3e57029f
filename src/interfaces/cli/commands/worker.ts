/**
 * `paperboy worker`: run background jobs (harvests, embedding, digests) without serving HTTP.
 * `paperboy jobs`: show each job's schedule and last outcome.
 */
import type { Command } from 'commander';
import { createContainer } from '../../../container.ts';
import { onShutdownSignal } from '../../http/server.ts';
import { buildJobs } from '../../worker/jobs/index.ts';
import { startWorker } from '../../worker/loop.ts';
import { addConfigOptions, commandSetup, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerWorker(program: Command, io: CliIo): void {
  addConfigOptions(program.command('worker'))
    .description('Run background jobs (no HTTP); use with `serve --no-worker`')
    .action(async (_opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const container = await createContainer(config, { log });
      const worker = await startWorker({
        jobs: buildJobs(container),
        schedules: container.schedules,
        clock: container.clock,
        log,
        onRun: container.metrics.jobRun,
        holdsProcess: true,
      });
      onShutdownSignal(log, async () => {
        await worker.stop();
        await container.close();
      });
    });

  addConfigOptions(program.command('jobs'))
    .description('Show background jobs: next run, last success, last error')
    .action(async (_opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const rows = await withContainer(config, log, (c) => c.schedules.list());
      if (rows.length === 0)
        io.out('No jobs have been scheduled yet (start `paperboy serve` or `paperboy worker`).');
      for (const r of rows) {
        const state = r.leaseOwner ? `running on ${r.leaseOwner}` : `next ${r.nextRunAt}`;
        const last = r.lastSuccessAt ? `last ok ${r.lastSuccessAt}` : 'never succeeded';
        const error = r.lastError ? ` · ${r.errorCount} error(s): ${r.lastError}` : '';
        io.out(`${r.name}: ${state} · ${last}${error}`);
      }
    });
}
