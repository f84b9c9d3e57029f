/**
 * The Kaggle arXiv metadata snapshot (`Cornell-University/arxiv`, JSON lines, ~2.9M records):
 * one line → one paper. Fields: id, submitter, authors, title, comments, journal-ref, doi,
 * report-no, categories ("hep-ph math.CO", primary first), license, abstract,
 * versions[{version:"v1", created:<RFC 2822 date>}], update_date, authors_parsed[[last, first, suffix]].
 */

import { parseArxivId } from '../../../core/papers/arxiv-id.ts';
import type { ParsedRecord } from '../../../core/papers/import-papers.ts';
import { emptyCommunity, type Paper, type PaperVersion } from '../../../core/papers/model.ts';
import { collapse } from '../normalize.ts';

export const SNAPSHOT_SOURCE = 'snapshot';

/** Lines longer than this are rejected unread (a record is a few kB). */
const MAX_LINE = 1_000_000;

/** Parses one snapshot line; `fetchedAt` stamps the provenance. Never throws. */
export function parseKaggleLine(line: number, text: string, fetchedAt: string): ParsedRecord {
  if (text.length > MAX_LINE) return { line, error: `line is longer than ${MAX_LINE} characters` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return { line, error: `not valid JSON (${cause instanceof Error ? cause.message : cause})` };
  }
  const result = kaggleToPaper(value, fetchedAt);
  return typeof result === 'string' ? { line, error: result } : { line, paper: result };
}

/** A snapshot record as a paper, or why it is not one. */
export function kaggleToPaper(value: unknown, fetchedAt: string): Paper | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not a JSON object';
  }
  const r = value as Record<string, unknown>;
  const parsed = typeof r.id === 'string' ? parseArxivId(r.id) : null;
  if (!parsed) return `id: ${JSON.stringify(r.id)?.slice(0, 80)} is not an arXiv id`;
  const title = collapse(str(r.title));
  if (!title) return `title: missing for ${parsed.id}`;
  const versions = versionsOf(r.versions);
  const latest = versions.at(-1);
  return {
    id: parsed.id,
    version: latest?.version ?? parsed.version,
    title,
    abstract: collapse(str(r.abstract)),
    authors: authorsOf(r.authors_parsed, r.authors),
    categories: [
      ...new Set(
        str(r.categories)
          .split(/\s+/)
          .filter((c) => c !== ''),
      ),
    ],
    submittedAt: versions[0]?.submittedAt ?? null,
    updatedAt: latest && latest.version > 1 ? latest.submittedAt : null,
    doi: nullable(r.doi),
    journalRef: nullable(r['journal-ref']),
    comments: nullable(r.comments),
    links: { code: null, project: null },
    versions,
    community: emptyCommunity(),
    provenance: { source: SNAPSHOT_SOURCE, fetchedAt },
  };
}

function versionsOf(value: unknown): PaperVersion[] {
  if (!Array.isArray(value)) return [];
  const out: PaperVersion[] = [];
  for (const v of value) {
    if (typeof v !== 'object' || v === null) continue;
    const { version, created } = v as { version?: unknown; created?: unknown };
    const n = typeof version === 'string' ? Number(version.replace(/^v/, '')) : Number.NaN;
    if (!Number.isInteger(n) || n < 1) continue;
    const ms = typeof created === 'string' ? Date.parse(created) : Number.NaN;
    out.push({ version: n, submittedAt: Number.isNaN(ms) ? null : new Date(ms).toISOString() });
  }
  return out.sort((a, b) => a.version - b.version);
}

/** `authors_parsed` ([last, first, suffix]) when present, else the `authors` string split. */
function authorsOf(parsed: unknown, raw: unknown): string[] {
  if (Array.isArray(parsed) && parsed.length > 0) {
    return parsed
      .map((a) =>
        Array.isArray(a)
          ? collapse([a[1], a[0], a[2]].filter((x) => typeof x === 'string').join(' '))
          : '',
      )
      .filter((n) => n !== '');
  }
  return str(raw)
    .split(/,\s*|\s+and\s+/)
    .map(collapse)
    .filter((n) => n !== '');
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function nullable(value: unknown): string | null {
  const text = collapse(str(value));
  return text === '' ? null : text;
}
