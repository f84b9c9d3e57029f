/**
 * `paperboy optimize`: what the worker's daily store:optimize job does, now — refresh term
 * statistics, rebuild the impact-ordered keyword index, update the planner's statistics and
 * checkpoint the WAL. Worth running after a large import.
 */
import type { Command } from 'commander';
import { addConfigOptions, commandSetup, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';
import { createProgressFactory } from '../progress.ts';

export function registerOptimize(program: Command, io: CliIo): void {
  addConfigOptions(program.command('optimize'))
    .description(
      'Rebuild search statistics and the keyword index now (the daily store:optimize job)',
    )
    .action(async (_opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const started = Date.now();
      await withContainer(config, log, (c) => c.upkeep.optimize(createProgressFactory(log)));
      io.out(`Store optimized in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    });
}
