/**
 * Shared plumbing for commands: config from env + flags (all problems printed at once), the
 * logger, and a container that is always closed afterwards.
 */
import type { Command } from 'commander';
import { type Config, type ConfigFlags, loadConfig, settings } from '../../config.ts';
import { type Container, type ContainerOptions, createContainer } from '../../container.ts';
import type { Logger } from '../../core/logger.ts';
import { createLogger } from '../../log.ts';
import type { CliIo } from './io.ts';

/** Thrown to end a command with an exit code after its message was printed. */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Adds the flags every command understands (those in the config table that have a flag). */
export function addConfigOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', settings.dataDir.doc)
    .option('--log-level <level>', settings.logLevel.doc);
}

/** The config flags the user actually typed (commander fills defaults for --no-x flags). */
export function typedFlags(command: Command): ConfigFlags {
  const flags: ConfigFlags = {};
  const options = command.opts();
  for (const key of Object.keys(settings) as (keyof typeof settings)[]) {
    if (key in options && command.getOptionValueSource(key) === 'cli') flags[key] = options[key];
  }
  return flags;
}

/** Loads config or prints every problem and throws ExitError(1). */
export function configOrExit(io: CliIo, flags: ConfigFlags): Config {
  const result = loadConfig(io.env, flags);
  if (result.ok) return result.config;
  io.err(`paperboy: the configuration has ${result.problems.length} problem(s):`);
  for (const p of result.problems) io.err(`  ✗ ${p}`);
  throw new ExitError(1);
}

/** The process logger for a config. Writes through `io.err` so tests capture it. */
export function loggerFor(config: Config, io: CliIo): Logger {
  const stream = {
    isTTY: io.isTTY,
    write: (chunk: string) => {
      io.err(chunk.replace(/\n$/, ''));
      return true;
    },
  } as unknown as NodeJS.WritableStream & { isTTY: boolean };
  return createLogger({ level: config.logLevel, format: config.logFormat, stream });
}

/** The config for a command's flags (or ExitError(1), every problem printed) and its logger. */
export function commandSetup(io: CliIo, command: Command): { config: Config; log: Logger } {
  const config = configOrExit(io, typedFlags(command));
  return { config, log: loggerFor(config, io) };
}

/** Runs `fn` with an open container and closes it afterwards, whatever happens. */
export async function withContainer<T>(
  config: Config,
  log: Logger,
  fn: (container: Container) => Promise<T>,
  options: Omit<ContainerOptions, 'log'> = {},
): Promise<T> {
  const container = await createContainer(config, { log, ...options });
  try {
    return await fn(container);
  } finally {
    await container.close();
  }
}
