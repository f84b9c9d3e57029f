/**
 * The paperboy command line: one binary, several roles. Each command lives in commands/<name>.ts.
 */
import { Command, CommanderError } from 'commander';
import { isAppError } from '../../core/errors.ts';
import { registerAdd } from './commands/add.ts';
import { registerAdmin } from './commands/admin.ts';
import { registerBackup } from './commands/backup.ts';
import { registerConfig } from './commands/config.ts';
import { registerDigest } from './commands/digest.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerExport } from './commands/export.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerModel } from './commands/model.ts';
import { registerOptimize } from './commands/optimize.ts';
import { registerServe } from './commands/serve.ts';
import { registerSources } from './commands/sources.ts';
import { registerStore } from './commands/store.ts';
import { registerWorker } from './commands/worker.ts';
import { ExitError } from './context.ts';
import type { CliIo } from './io.ts';

/** Builds the program; exported so tests can inspect help output. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('paperboy')
    .description(
      'Open, self-hostable research-paper discovery: daily papers, search, feeds and digests.',
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    });
  for (const register of [
    registerServe,
    registerWorker,
    registerMigrate,
    registerOptimize,
    registerIngest,
    registerExport,
    registerSources,
    registerAdd,
    registerDoctor,
    registerConfig,
    registerAdmin,
    registerDigest,
    registerModel,
    registerStore,
    registerBackup,
  ]) {
    register(program, io);
  }
  program.commands.forEach((c) => {
    c.exitOverride();
  });
  return program;
}

/** Runs the CLI; resolves to the process exit code (long-running commands keep running). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof ExitError) return error.exitCode;
    if (error instanceof CommanderError) return error.exitCode;
    if (isAppError(error)) {
      io.err(`paperboy: ${error.message}`);
      return 1;
    }
    io.err(`paperboy: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}
