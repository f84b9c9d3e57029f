/**
 * A line-oriented file (Kaggle snapshot, our own JSONL export) as a resumable Source: records are
 * read in batches of `batchSize`, and the cursor remembers the last committed line for this file
 * (identified by path, size and mtime). A run killed half-way resumes after that line; a finished
 * or changed file is read from the start again (upserts make that a no-op for unchanged papers),
 * unless `once` keeps a finished, unchanged file done (a scheduled snapshot harvest).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createError } from '../../core/errors.ts';
import type { Source, SourcePage } from '../../core/ingest/ports.ts';
import { type ParsedRecord, TRUNCATED_FILE } from '../../core/papers/import-papers.ts';
import { lineRecord, openTextStream, readLines } from '../files/paper-jsonl-reader.ts';

interface FileState {
  size: number;
  mtimeMs: number;
  /** Last line whose record is committed. */
  line: number;
  complete: boolean;
}

export interface FileSourceOptions {
  /** Source name for the cursor, e.g. `snapshot` or `import`. */
  name: string;
  path: string;
  /** Turns one line into a record (paper or numbered error). */
  parseLine: (line: number, text: string) => ParsedRecord;
  /** Records per transaction (default 1000). */
  batchSize?: number;
  /** A file read to its end stays done until it changes (default: read it again from the start). */
  once?: boolean;
}

/** A Source over a (possibly gzip'd) JSON-lines file. */
export function fileSource(options: FileSourceOptions): Source {
  const path = resolve(options.path);
  const batchSize = options.batchSize ?? 1000;
  return {
    name: options.name,
    set: path,
    async *harvest(stateText): AsyncGenerator<SourcePage> {
      const info = await stat(path).catch((cause: unknown) => {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw createError('import_failed', `cannot read ${path}: ${why}`, { cause });
      });
      const previous = parseState(stateText);
      const same = previous && previous.size === info.size && previous.mtimeMs === info.mtimeMs;
      if (same && previous.complete && options.once) return;
      const skipTo = same && !previous.complete ? previous.line : 0;
      const state = (line: number, complete: boolean) =>
        JSON.stringify({ size: info.size, mtimeMs: info.mtimeMs, line, complete });
      const stream = await openTextStream(path);
      let batch: ParsedRecord[] = [];
      let last = skipTo;
      try {
        for await (const l of readLines(stream)) {
          if (l.line <= skipTo) continue;
          last = l.line;
          batch.push(lineRecord(l, options.parseLine));
          if (batch.length >= batchSize) {
            yield { records: batch, state: state(l.line, false) };
            batch = [];
          }
        }
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        batch.push({
          line: last + 1,
          error: `${TRUNCATED_FILE} after line ${last}: ${why}`,
        });
      }
      yield { records: batch, state: state(last, true) };
    },
  };
}

function parseState(text: string | null): FileState | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<FileState>;
    if (typeof value.line === 'number' && typeof value.size === 'number') return value as FileState;
  } catch {
    // An unreadable cursor means starting over, which upserts make safe.
  }
  return null;
}
