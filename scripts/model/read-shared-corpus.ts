/**
 * Reads the ~62k papers the default model is trained on from ../shared/data: arxiver-48k,
 * daily-arxiv-digest-cs and hf-daily-papers, merged by canonical arXiv id (latest arXiv version's
 * title and abstract win; the Hugging Face AI summary is kept), sorted by id. Deterministic.
 * Evaluation collections (SciFact, CACM) are never read here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArxivId } from '../../src/core/papers/arxiv-id.ts';

export interface CorpusPaper {
  id: string;
  title: string;
  abstract: string;
  summary: string | null;
}

function jsonLines<T>(path: string): T[] {
  const raw = readFileSync(path);
  const text = (raw[0] === 0x1f ? gunzipSync(raw) : raw).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export function readSharedCorpus(dataDir: string): CorpusPaper[] {
  const papers = new Map<string, CorpusPaper & { version: number }>();
  const put = (
    rawId: string,
    title: string,
    abstract: string,
    summary: string | null,
    rank: number,
  ) => {
    const parsed = parseArxivId(rawId);
    if (!parsed || !clean(title) || !clean(abstract)) return;
    const version = rank * 1000 + (parsed.version ?? 0);
    const old = papers.get(parsed.id);
    const next = {
      id: parsed.id,
      title: clean(title),
      abstract: clean(abstract),
      summary: clean(summary) || old?.summary || null,
      version,
    };
    if (!old || version >= old.version) papers.set(parsed.id, next);
    else if (!old.summary && next.summary) old.summary = next.summary;
  };
  for (const r of jsonLines<{
    arxiv_id: string;
    title: string;
    abstract: string;
    ai_summary: string | null;
  }>(join(dataDir, 'hf-daily-papers/papers.normalized.jsonl.gz'))) {
    put(r.arxiv_id, r.title, r.abstract, r.ai_summary, 0);
  }
  for (const r of jsonLines<{ id: string; title: string; summary: string }>(
    join(dataDir, 'daily-arxiv-digest-cs/listing_records_2025-04-24_2025-09-18.jsonl.gz'),
  )) {
    put(r.id, r.title, r.summary, null, 1);
  }
  for (const r of jsonLines<{ link: string; title: string; abstract: string }>(
    join(dataDir, 'arxiver-48k/arxiver_records.jsonl.gz'),
  )) {
    put(r.link, r.title, r.abstract, null, 2);
  }
  return [...papers.values()]
    .map(({ version: _, ...p }) => p)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
