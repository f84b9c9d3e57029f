/**
 * The Logger port. Messages are constant strings; data goes in snake_case fields.
 * The implementations (JSON lines, text, in-memory) live in src/log.ts.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to every entry, e.g. `{ component: 'ingest.arxiv' }`. */
  child(bindings: LogFields): Logger;
}
