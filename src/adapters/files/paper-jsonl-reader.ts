/**
 * Streaming our paper JSONL files, plain or gzip'd (detected by content, not by name). Each line
 * becomes a paper or a numbered error; a truncated or corrupt file ends with one error record.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createError } from '../../core/errors.ts';
import type { ParsedRecord } from '../../core/papers/import-papers.ts';
import { parsePaperJson } from './paper-json-schema.ts';

/** Lines longer than this are rejected without parsing (a paper is a few kB). */
const MAX_LINE = 1_000_000;

/** Opens `path` for line reading, gunzipping when it starts with the gzip magic bytes. */
export async function openTextStream(path: string): Promise<Readable> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
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

/** Yields each non-empty line of a text stream with its 1-based line number. */
export async function* readLines(stream: Readable): AsyncGenerator<{ line: number; text: string }> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() !== '') yield { line: n, text };
  }
}

/** Reads a paper JSONL file as ParsedRecords. Stream failures become one final error record. */
export async function* readPaperJsonl(path: string): AsyncGenerator<ParsedRecord> {
  const stream = await openTextStream(path);
  let last = 0;
  try {
    for await (const { line, text } of readLines(stream)) {
      last = line;
      yield parsePaperLine(line, text);
    }
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    yield { line: last + 1, error: `file is truncated or corrupt after line ${last}: ${why}` };
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
