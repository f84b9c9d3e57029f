/**
 * The real ~62k-paper corpus in ../shared/data (arxiver-48k, daily-arxiv-digest-cs, Hugging Face
 * daily papers), deduplicated by arXiv id, plus the 400 realistic CS queries.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sharedDataDir } from '../eval/datasets.ts';

export interface BenchPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  submittedAt: string | null;
}

async function* lines(path: string): AsyncGenerator<Record<string, unknown>> {
  const rl = createInterface({
    input: createReadStream(path).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  for await (const line of rl) if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Every unique paper of the three real sources (later records of an id win). */
export async function loadRealCorpus(): Promise<BenchPaper[]> {
  const dir = sharedDataDir();
  const byId = new Map<string, BenchPaper>();
  for await (const r of lines(join(dir, 'arxiver-48k/arxiver_records.jsonl.gz'))) {
    const id = str(r.link)
      .replace(/^.*\/abs\//, '')
      .replace(/v\d+$/, '');
    byId.set(id, {
      id,
      title: str(r.title),
      abstract: str(r.abstract),
      authors: [],
      categories: list(r.categories),
      submittedAt: str(r.published).replace(' ', 'T') || null,
    });
  }
  for await (const r of lines(
    join(dir, 'daily-arxiv-digest-cs/listing_records_2025-04-24_2025-09-18.jsonl.gz'),
  )) {
    const id = str(r.id);
    byId.set(id, {
      id,
      title: str(r.title),
      abstract: str(r.summary).replace(/\s+/g, ' '),
      authors: list(r.authors),
      categories: list(r.categories),
      submittedAt: `20${id.slice(0, 2)}-${id.slice(2, 4)}-15T00:00:00Z`,
    });
  }
  for await (const r of lines(join(dir, 'hf-daily-papers/papers.normalized.jsonl.gz'))) {
    const id = str(r.arxiv_id);
    byId.set(id, {
      id,
      title: str(r.title),
      abstract: str(r.abstract),
      authors: list(r.authors),
      categories: [],
      submittedAt: str(r.published_at) || null,
    });
  }
  return [...byId.values()].filter((p) => p.id && p.title);
}

/** The 400 paperlantern CS literature-search queries. */
export function loadQueries(): string[] {
  const dir = join(sharedDataDir(), 'paperlantern-cs-queries');
  const out: string[] = [];
  for (const f of [
    'computer_science_ai_search_queries.json',
    'computer_science_non_ai_search_queries.json',
  ]) {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<
      string,
      { search_query: string }
    >;
    for (const q of Object.values(data)) out.push(q.search_query);
  }
  return out;
}
