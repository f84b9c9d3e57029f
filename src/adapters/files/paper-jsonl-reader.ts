/**
 * Streaming our paper JSONL files, plain or gzip'd (detected by content, not by name). Each line
 * becomes a paper or a numbered error; a truncated or corrupt file ends with one error record.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createError, isAppError } from '../../core/errors.ts';
import { type ParsedRecord, TRUNCATED_FILE } from '../../core/papers/import-papers.ts';
import { parsePaperJson } from './paper-json-schema.ts';

/** Lines longer than this are rejected without parsing (a paper is a few kB). */
export const MAX_LINE = 1_000_000;

/** Opens `path` for line reading, gunzipping when it starts with the gzip magic bytes. */
export async function openTextStream(path: string): Promise<Readable> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    if ((await stat(path)).isDirectory()) {
      throw createError(
        'import_failed',
        `${path} is a directory; give one .jsonl or .jsonl.gz file (e.g. what \`paperboy export\` wrote)`,
      );
    }
    handle = await open(path, 'r');
  } catch (cause) {
    if (isAppError(cause)) throw cause;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw createError('import_failed', `cannot read ${path}: ${why}`, { cause });
  }
  const magic = Buffer.alloc(2);
  await handle.read(magic, 0, 2, 0);
  await handle.close();
  const file = createReadStream(path);
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return file;
  const gunzip = createGunzip();
  file.on('error', (e) => gunzip.destroy(e));
  return file.pipe(gunzip);
}

/** A line of a stream: its text, or `tooLong` when it was over the limit (its bytes skipped). */
export type Line =
  | { line: number; text: string; tooLong?: false }
  | { line: number; tooLong: true };

/**
 * Yields each non-empty line of a byte stream with its 1-based line number, never holding more
 * than `maxBytes` of one line: a longer line (a gzip bomb's gigabyte of one line, say) is skipped
 * to its end and reported as `tooLong`. LF or CRLF ends a line; UTF-8 never has 0x0A inside a
 * character, so splitting bytes there is safe.
 */
export async function* readLines(stream: Readable, maxBytes = MAX_LINE): AsyncGenerator<Line> {
  let n = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  const finish = function* (): Generator<Line> {
    n++;
    if (skipping) {
      skipping = false;
      yield { line: n, tooLong: true };
    } else {
      const text = Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '');
      if (text.trim() !== '') yield { line: n, text };
    }
    parts = [];
    size = 0;
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a)) {
      if (!skipping && size + nl <= maxBytes) {
        parts.push(buf.subarray(0, nl));
        size += nl;
      } else skipping = true;
      yield* finish();
      buf = buf.subarray(nl + 1);
    }
    if (skipping) continue;
    if (size + buf.length > maxBytes) {
      skipping = true;
      parts = [];
      size = 0;
    } else if (buf.length > 0) {
      parts.push(Buffer.from(buf));
      size += buf.length;
    }
  }
  if (skipping || size > 0) yield* finish();
}

/** The record for a line: parsed by `parse`, or an error when it was too long to read. */
export function lineRecord(
  l: Line,
  parse: (line: number, text: string) => ParsedRecord,
): ParsedRecord {
  return l.tooLong
    ? { line: l.line, error: `line is longer than ${MAX_LINE} bytes; skipped without reading it` }
    : parse(l.line, l.text);
}

/** Reads a paper JSONL file as ParsedRecords. Stream failures become one final error record. */
export async function* readPaperJsonl(path: string): AsyncGenerator<ParsedRecord> {
  const stream = await openTextStream(path);
  let last = 0;
  try {
    for await (const l of readLines(stream)) {
      last = l.line;
      yield lineRecord(l, parsePaperLine);
    }
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    yield { line: last + 1, error: `${TRUNCATED_FILE} after line ${last}: ${why}` };
  }
}

/** Parses one JSONL line into a paper or a readable error. */
export function parsePaperLine(line: number, text: string): ParsedRecord {
  if (text.length > MAX_LINE) return { line, error: `line is longer than ${MAX_LINE} characters` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return { line, error: `not valid JSON (${cause instanceof Error ? cause.message : cause})` };
  }
  const parsed = parsePaperJson(value);
  return 'paper' in parsed ? { line, paper: parsed.paper } : { line, error: parsed.error };
}
