/**
 * Entry point: `paperboy <command>`. Runs the CLI with the real process streams.
 */
import { processIo } from './interfaces/cli/io.ts';
import { runCli } from './interfaces/cli/main.ts';

const code = await runCli(process.argv.slice(2), processIo);
if (code !== 0) process.exitCode = code;
