/**
 * Rebuilds assets/demo-corpus.jsonl.gz from the Hugging Face Daily Papers captures: the papers of
 * the most recent N captured days (default 60), read with the same parser `paperboy ingest hf`
 * uses, so the demo stores exactly what an import of those days would (upvotes, comments,
 * submitters, discussion ids, AI summaries, code links). A paper featured on several days is merged
 * as the store merges it (later capture wins the counts). Deterministic: same input, same bytes.
 * Hugging Face carries no arXiv categories, so they come from the arXiv listings in shared data
 * (arxiver, daily-arxiv-digest) where those know the id; those listings end in 2025, so one
 * captured month they cover (`--also`, default 2025-08) is added, making `cat:` and the category
 * facet work on the demo. Then run `npm run demo:vectors`.
 *
 *   npm run demo:build -- [--input ../shared/data/hf-daily-papers/raw] [--days 60] [--also 2025-08]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseHfDailyPapers } from '../src/adapters/sources/hf/hf-daily-parser.ts';
import { parseArxivId } from '../src/core/papers/arxiv-id.ts';
import { mergePaper } from '../src/core/papers/merge-paper.ts';
import type { Paper } from '../src/core/papers/model.ts';

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: '../shared/data/hf-daily-papers/raw' },
    output: { type: 'string', default: 'assets/demo-corpus.jsonl.gz' },
    days: { type: 'string', default: '60' },
    also: { type: 'string', default: '2025-08' },
    'categories-from': {
      type: 'string',
      multiple: true,
      default: [
        '../shared/data/arxiver-48k/arxiver_records.jsonl.gz',
        '../shared/data/daily-arxiv-digest-cs/listing_records_2025-04-24_2025-09-18.jsonl.gz',
      ],
    },
  },
});

/** A line of the arXiv listings that know categories (arxiver: link; daily-arxiv-digest: id). */
interface ListingRecord {
  id?: string;
  link?: string;
  categories?: string[];
  primary_category?: string;
}

/** arXiv categories by id, primary first, from the listings (the first listing to know an id wins). */
const categories = new Map<string, string[]>();
for (const path of values['categories-from']) {
  const raw = readFileSync(path);
  const lines = (raw[0] === 0x1f ? gunzipSync(raw) : raw).toString('utf8').split('\n');
  for (const line of lines) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as ListingRecord;
    const id = parseArxivId(r.id ?? r.link ?? '')?.id;
    if (!id || !r.categories?.length || categories.has(id)) continue;
    const primary = r.primary_category ?? r.categories[0];
    categories.set(
      id,
      [...new Set([primary, ...r.categories])].filter((c): c is string => !!c),
    );
  }
}

const captured = readdirSync(values.input)
  .filter((f) => /^\d{4}-\d{2}-\d{2}\.json(\.gz)?$/.test(f))
  .sort();
const latest = captured.slice(-Number(values.days));
const extra = values.also ? captured.filter((f) => f.startsWith(values.also ?? '')) : [];
const files = [...new Set([...extra, ...latest])].sort();
const papers = new Map<string, Paper>();
let entries = 0;
for (const file of files) {
  const day = file.slice(0, 10);
  const raw = readFileSync(join(values.input, file));
  const body = (raw[0] === 0x1f ? gunzipSync(raw) : raw).toString('utf8');
  for (const record of parseHfDailyPapers(body, day, `${day}T00:00:00.000Z`)) {
    if (!('paper' in record)) throw new Error(`${file} line ${record.line}: ${record.error}`);
    entries++;
    const listed = categories.get(record.paper.id);
    const paper = listed ? { ...record.paper, categories: listed } : record.paper;
    const known = papers.get(paper.id);
    papers.set(paper.id, known ? mergePaper(known, paper) : paper);
  }
}

const sorted = [...papers.values()].sort((a, b) => {
  const da = a.community.featuredDays[0]?.day ?? '';
  const db = b.community.featuredDays[0]?.day ?? '';
  return db.localeCompare(da) || a.id.localeCompare(b.id);
});
const body = `${sorted.map((p) => JSON.stringify(p)).join('\n')}\n`;
const gz = gzipSync(body, { level: 9 });
writeFileSync(values.output, gz);
const withCategories = sorted.filter((p) => p.categories.length > 0).length;
console.log(
  `wrote ${values.output}: ${sorted.length} papers (${entries} entries) over ${files.length} days (${latest[0]?.slice(0, 10)} … ${latest.at(-1)?.slice(0, 10)}, plus ${extra.length} days of ${values.also}), ${withCategories} with categories, ${(gz.length / 1024 / 1024).toFixed(2)} MB`,
);
