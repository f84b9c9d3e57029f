/**
 * A tiny structured logger: constant messages, snake_case fields. JSON lines in production,
 * readable text on a terminal, and an in-memory logger that tests can assert on.
 */

import type { LogFields, Logger, LogLevel } from './core/logger.ts';

export type { LogFields, Logger, LogLevel };

export interface LogEntry {
  level: LogLevel;
  msg: string;
  fields: LogFields;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const COLOURS: Record<LogLevel, string> = {
  debug: '\x1b[90m',
  info: '\x1b[36m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
};

type Sink = (entry: LogEntry) => void;

function makeLogger(sink: Sink, minLevel: LogLevel, bindings: LogFields): Logger {
  const write = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    sink({ level, msg, fields: { ...bindings, ...fields } });
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => makeLogger(sink, minLevel, { ...bindings, ...more }),
  };
}

/** Errors become `{ message, code?, stack }` so JSON lines keep them. */
function serialise(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Error) {
      const code = (v as Error & { code?: unknown }).code;
      out[k] = { message: v.message, ...(code === undefined ? {} : { code }), stack: v.stack };
    } else out[k] = v;
  }
  return out;
}

/**
 * The process logger, writing to stderr so command output on stdout stays clean.
 * `format: 'auto'` picks text on a terminal and JSON lines otherwise.
 */
export function createLogger(options: {
  level?: LogLevel;
  format?: 'auto' | 'json' | 'text';
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}): Logger {
  const stream = options.stream ?? process.stderr;
  const format = options.format ?? 'auto';
  const text = format === 'text' || (format === 'auto' && stream.isTTY === true);
  const sink: Sink = ({ level, msg, fields }) => {
    const time = new Date().toISOString();
    const data = serialise(fields);
    if (!text) {
      stream.write(`${JSON.stringify({ time, level, msg, ...data })}\n`);
      return;
    }
    const pairs = Object.entries(data)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    stream.write(
      `${time.slice(11, 19)} ${COLOURS[level]}${level.padEnd(5)}\x1b[0m ${msg} ${pairs}\n`,
    );
  };
  return makeLogger(sink, options.level ?? 'info', {});
}

/** A logger that keeps entries in memory, for tests. */
export function createMemoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const logger = makeLogger((e) => entries.push(e), 'debug', {});
  return Object.assign(logger, { entries });
}

/** A logger that drops everything. */
export const silentLogger: Logger = makeLogger(() => {}, 'error', {});
