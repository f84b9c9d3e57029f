/**
 * `paperboy doctor`: check config, store, FTS5, migrations and bundled files; ✓/✗ per line,
 * exit code 1 when anything fails.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../../config.ts';
import { silentLogger } from '../../../log.ts';
import { addConfigOptions, ExitError, typedFlags, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerDoctor(program: Command, io: CliIo): void {
  addConfigOptions(program.command('doctor'))
    .description('Check configuration, store, FTS5, migrations and bundled files')
    .action(async (_opts, command: Command) => {
      const result = loadConfig(io.env, typedFlags(command));
      if (!result.ok) {
        io.out('✗ config');
        for (const p of result.problems) io.out(`    ${p}`);
        throw new ExitError(1);
      }
      io.out(`✓ config (data dir ${result.config.dataDir})`);
      let failed = false;
      try {
        const checks = await withContainer(result.config, silentLogger, (c) => c.checks(), {
          migrate: false,
        });
        for (const check of checks) {
          io.out(`${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}`);
          failed ||= !check.ok;
        }
      } catch (error) {
        io.out(`✗ store: ${error instanceof Error ? error.message : String(error)}`);
        failed = true;
      }
      if (failed) throw new ExitError(1);
    });
}
