/**
 * `paperboy backup <file>`: a consistent copy of the store while it serves (no need to stop
 * anything). `paperboy restore <file>`: make such a copy the store again — stop `serve` and any
 * worker first; the next start migrates it if it is from an older paperboy.
 */
import type { Command } from 'commander';
import {
  addConfigOptions,
  configOrExit,
  loggerFor,
  typedFlags,
  withContainer,
} from '../context.ts';
import type { CliIo } from '../io.ts';
import { createProgressFactory } from '../progress.ts';

const MIB = 1024 * 1024;

export function registerBackup(program: Command, io: CliIo): void {
  addConfigOptions(program.command('backup <file>'))
    .description('Write a consistent copy of the store to <file> while paperboy keeps serving')
    .action(async (file: string, _opts, command: Command) => {
      const config = configOrExit(io, typedFlags(command));
      const log = loggerFor(config, io);
      const started = Date.now();
      const report = await withContainer(
        config,
        log,
        (c) => c.storeBackup.backup(file, createProgressFactory(log)('backup')),
        { migrate: false, embedder: null },
      );
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      io.out(
        `Backed up the store to ${report.file} (${(report.bytes / MIB).toFixed(1)} MiB) in ${secs} s.`,
      );
    });

  addConfigOptions(program.command('restore <file>'))
    .description('Replace the store with a backup (stop serve and workers first)')
    .action(async (file: string, _opts, command: Command) => {
      const config = configOrExit(io, typedFlags(command));
      const log = loggerFor(config, io);
      const report = await withContainer(
        config,
        log,
        (c) => c.storeBackup.restore(file, createProgressFactory(log)('restore')),
        { migrate: false, embedder: null },
      );
      io.out(
        `Restored ${file} into ${report.file} (${(report.bytes / MIB).toFixed(1)} MiB). Start paperboy again; it migrates the store if needed.`,
      );
    });
}
