/**
 * Rebuilds assets/demo-corpus.jsonl.gz from the Hugging Face Daily Papers captures: the papers of
 * the most recent N featured days (default 60), with their real upvotes, comments, submitters,
 * AI summaries and code links, in paperboy's paper JSONL format. Deterministic: same input, same bytes.
 *
 *   npm run demo:build -- [--input ../shared/data/hf-daily-papers/papers.normalized.jsonl.gz] [--days 60]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseArxivId } from '../src/core/papers/arxiv-id.ts';
import type { Paper } from '../src/core/papers/model.ts';

interface HfNormalized {
  arxiv_id: string;
  title: string;
  abstract: string;
  authors: string[];
  published_at: string | null;
  daily_date: string;
  upvotes: number;
  num_comments: number;
  submitted_by: string | null;
  organization: string | null;
  ai_summary: string | null;
  ai_keywords: string[] | null;
  github_repo: string | null;
  github_stars: number | null;
  project_page: string | null;
  thumbnail: string | null;
  daily_rank: number | null;
  submitted_on_daily_at: string | null;
}

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: '../shared/data/hf-daily-papers/papers.normalized.jsonl.gz' },
    output: { type: 'string', default: 'assets/demo-corpus.jsonl.gz' },
    days: { type: 'string', default: '60' },
  },
});

const raw = readFileSync(values.input);
const text = (raw[0] === 0x1f ? gunzipSync(raw) : raw).toString('utf8');
const rows = text
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as HfNormalized);

const days = [...new Set(rows.map((r) => r.daily_date))].sort().slice(-Number(values.days));
const keep = new Set(days);
const papers = rows
  .filter((r) => keep.has(r.daily_date))
  .map(toPaper)
  .sort((a, b) => {
    const da = a.community.featuredDays[0]?.day ?? '';
    const db = b.community.featuredDays[0]?.day ?? '';
    return db.localeCompare(da) || a.id.localeCompare(b.id);
  });

const body = `${papers.map((p) => JSON.stringify(p)).join('\n')}\n`;
const gz = gzipSync(body, { level: 9 });
writeFileSync(values.output, gz);
console.log(
  `wrote ${values.output}: ${papers.length} papers over ${days.length} days (${days[0]} … ${days.at(-1)}), ${(gz.length / 1024 / 1024).toFixed(2)} MB`,
);

function toPaper(r: HfNormalized): Paper {
  const parsed = parseArxivId(r.arxiv_id);
  if (!parsed) throw new Error(`not an arXiv id in the input: ${r.arxiv_id}`);
  return {
    id: parsed.id,
    version: parsed.version,
    title: r.title.replace(/\s+/g, ' ').trim(),
    abstract: r.abstract.replace(/\s+/g, ' ').trim(),
    authors: r.authors,
    categories: [],
    submittedAt: r.published_at,
    updatedAt: null,
    doi: null,
    journalRef: null,
    comments: null,
    links: { code: r.github_repo || null, project: r.project_page || null },
    versions: [],
    community: {
      // The captures number a day's papers from 0; our model ranks from 1 (1 = top).
      featuredDays: [{ day: r.daily_date, rank: r.daily_rank === null ? null : r.daily_rank + 1 }],
      submittedBy: r.submitted_by || null,
      upvotes: r.upvotes ?? 0,
      commentCount: r.num_comments ?? 0,
      aiSummary: r.ai_summary || null,
      aiKeywords: r.ai_keywords ?? [],
      organization: r.organization || null,
      githubStars: r.github_stars ?? null,
      thumbnail: r.thumbnail || null,
    },
    provenance: {
      source: 'hf-daily',
      fetchedAt: r.submitted_on_daily_at ?? `${r.daily_date}T00:00:00.000Z`,
    },
  };
}
