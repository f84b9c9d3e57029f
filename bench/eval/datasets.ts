/**
 * Evaluation sets read from ../shared/data at run time (never copied into the repo: SciFact is
 * licensed for non-commercial use): SciFact (BEIR layout, test split) and CACM.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emptyCommunity, type Paper } from '../../src/core/papers/model.ts';
import type { Judgements } from './metrics.ts';

export interface EvalDoc {
  id: string;
  title: string;
  text: string;
  authors: string[];
}

export interface EvalSet {
  name: string;
  docs: EvalDoc[];
  queries: { id: string; text: string }[];
  qrels: Map<string, Judgements>;
}

/** An evaluation document as a paper, to store and index like any other. */
export function evalDocToPaper(d: EvalDoc): Paper {
  return {
    id: d.id,
    version: null,
    title: d.title,
    abstract: d.text,
    authors: d.authors,
    categories: [],
    submittedAt: null,
    updatedAt: null,
    doi: null,
    journalRef: null,
    comments: null,
    links: { code: null, project: null },
    versions: [],
    community: emptyCommunity(),
    provenance: { source: 'eval', fetchedAt: '2026-01-01T00:00:00Z' },
  };
}

/** ../shared/data beside the repository, or PAPERBOY_SHARED_DATA. */
export function sharedDataDir(): string {
  return process.env.PAPERBOY_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data');
}

function jsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

function qrels(path: string): Map<string, Judgements> {
  const out = new Map<string, Judgements>();
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    const [q, d, s] = line.trim().split('\t');
    if (!q || !d) continue;
    const m = out.get(q) ?? new Map<string, number>();
    m.set(d, Number(s ?? 1));
    out.set(q, m);
  }
  return out;
}

/**
 * SciFact over its whole corpus with the judged claims of one split: `test` is what we report
 * (BEIR's split), `train` is for choosing settings without looking at `test`.
 */
export function loadSciFact(split: 'test' | 'train' = 'test'): EvalSet {
  const dir = join(sharedDataDir(), 'scifact');
  const docs = jsonl<{ _id: string; title: string; text: string }>(join(dir, 'corpus.jsonl')).map(
    (d) => ({ id: d._id, title: d.title, text: d.text, authors: [] }),
  );
  const judged = qrels(join(dir, `qrels.${split}.tsv`));
  const queries = jsonl<{ _id: string; text: string }>(join(dir, 'queries.jsonl'))
    .filter((q) => judged.has(q._id))
    .map((q) => ({ id: q._id, text: q.text }));
  return { name: 'scifact', docs, queries, qrels: judged };
}

export function loadCacm(): EvalSet {
  const dir = join(sharedDataDir(), 'cacm-relevance');
  const docs = jsonl<{ _id: string; title: string; text: string; authors: string[] }>(
    join(dir, 'corpus.jsonl'),
  ).map((d) => ({ id: d._id, title: d.title, text: d.text, authors: d.authors ?? [] }));
  const judged = qrels(join(dir, 'qrels.tsv'));
  const queries = jsonl<{ _id: string; text: string }>(join(dir, 'queries.jsonl'))
    .filter((q) => judged.has(q._id))
    .map((q) => ({ id: q._id, text: q.text }));
  return { name: 'cacm', docs, queries, qrels: judged };
}
