/**
 * `paperboy config`: print the effective configuration, secrets redacted.
 */
import type { Command } from 'commander';
import { dumpConfig } from '../../../config.ts';
import { addConfigOptions, configOrExit, typedFlags } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerConfig(program: Command, io: CliIo): void {
  addConfigOptions(program.command('config'))
    .description('Print the effective configuration (secrets redacted)')
    .action((_opts, command: Command) => {
      for (const line of dumpConfig(configOrExit(io, typedFlags(command)))) io.out(line);
    });
}
