/**
 * What a CLI command may touch: its output streams and the environment. Tests pass their own.
 */
export interface CliIo {
  /** Writes a line of command output (stdout). */
  out(line: string): void;
  /** Writes a line of diagnostics (stderr). */
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (progress bars, colours). */
  isTTY: boolean;
}

/** The real process streams. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  isTTY: process.stderr.isTTY === true,
};

/** An in-memory CliIo for tests; `stdout` and `stderr` collect the lines. */
export function memoryIo(env: Record<string, string | undefined> = {}): CliIo & {
  stdout: string[];
  stderr: string[];
} {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    env,
    isTTY: false,
    stdout,
    stderr,
  };
}
