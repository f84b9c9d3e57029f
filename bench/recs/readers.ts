/**
 * Pseudo-readers for `npm run eval:recs`, built from real Hugging Face Daily Papers
 * (../shared/data/hf-daily-papers/papers.normalized.jsonl.gz) so that the future is not seen:
 * papers featured before a cut-off day are the past, the last `testDays` featured days the
 * future. A reader is a submitter (who put papers on Daily Papers), an organisation, or an author
 * (co-authorship); their past papers are their library, and the future papers that are theirs
 * are what a good ranking of all future papers puts first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface EvalPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  day: string;
  publishedAt: string;
  upvotes: number;
  submitter: string | null;
  organization: string | null;
}

export type ReaderKind = 'submitter' | 'organization' | 'author';

export interface PseudoReader {
  kind: ReaderKind;
  name: string;
  /** Past papers, newest first. */
  library: string[];
  /** Future papers that are theirs. */
  relevant: Set<string>;
}

interface Row {
  arxiv_id: string;
  title: string;
  abstract: string;
  authors: string[];
  daily_date: string;
  published_at: string;
  upvotes: number;
  submitted_by: string | { name?: string } | null;
  organization: string | { name?: string } | null;
}

const nameOf = (v: Row['submitted_by']) => (typeof v === 'string' ? v : (v?.name ?? null)) || null;

export function readHfPapers(dataDir: string): EvalPaper[] {
  const raw = gunzipSync(readFileSync(join(dataDir, 'hf-daily-papers/papers.normalized.jsonl.gz')));
  return raw
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row)
    .map((r) => ({
      id: r.arxiv_id,
      title: r.title,
      abstract: r.abstract ?? '',
      authors: r.authors ?? [],
      day: r.daily_date,
      publishedAt: r.published_at ?? r.daily_date,
      upvotes: r.upvotes ?? 0,
      submitter: nameOf(r.submitted_by),
      organization: nameOf(r.organization),
    }));
}

export interface Split {
  past: EvalPaper[];
  future: EvalPaper[];
  cutoff: string;
  readers: PseudoReader[];
}

/** Splits at the `testDays`-th last featured day; readers need `minPast` past papers. */
export function splitReaders(papers: EvalPaper[], testDays = 60, minPast = 3): Split {
  const days = [...new Set(papers.map((p) => p.day))].sort();
  const cutoff = days[Math.max(0, days.length - testDays)] as string;
  const past = papers.filter((p) => p.day < cutoff);
  const future = papers.filter((p) => p.day >= cutoff);
  const readers: PseudoReader[] = [];
  const keysOf: Record<ReaderKind, (p: EvalPaper) => string[]> = {
    submitter: (p) => (p.submitter ? [p.submitter] : []),
    organization: (p) => (p.organization ? [p.organization] : []),
    author: (p) => p.authors,
  };
  for (const kind of ['submitter', 'organization', 'author'] as ReaderKind[]) {
    const lib = new Map<string, EvalPaper[]>();
    for (const p of past) for (const k of keysOf[kind](p)) lib.set(k, [...(lib.get(k) ?? []), p]);
    const rel = new Map<string, Set<string>>();
    for (const p of future) {
      for (const k of keysOf[kind](p)) rel.set(k, (rel.get(k) ?? new Set()).add(p.id));
    }
    for (const [name, relevant] of [...rel].sort((a, b) => a[0].localeCompare(b[0]))) {
      const library = (lib.get(name) ?? [])
        .sort((a, b) => b.day.localeCompare(a.day) || a.id.localeCompare(b.id))
        .map((p) => p.id);
      if (library.length >= minPast) readers.push({ kind, name, library, relevant });
    }
  }
  return { past, future, cutoff, readers };
}
