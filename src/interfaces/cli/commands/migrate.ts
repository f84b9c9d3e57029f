/**
 * `paperboy migrate`: apply pending store migrations and report them.
 */
import type { Command } from 'commander';
import { addConfigOptions, commandSetup, ExitError, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerMigrate(program: Command, io: CliIo): void {
  addConfigOptions(program.command('migrate'))
    .description('Apply pending store migrations')
    .action(async (_opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const report = await withContainer(config, log, (c) => c.migrate(), { migrate: false });
      for (const name of report.applied) io.out(`✓ applied ${name}`);
      if (report.error) {
        io.err(`✗ ${report.error.message}`);
        throw new ExitError(1);
      }
      io.out(
        report.applied.length === 0
          ? 'Store is up to date.'
          : `${report.applied.length} migration(s) applied.`,
      );
    });
}
