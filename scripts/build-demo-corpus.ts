/**
 * Rebuilds assets/demo-corpus.jsonl.gz from the Hugging Face Daily Papers captures: the papers of
 * the most recent N captured days (default 60), read with the same parser `paperboy ingest hf`
 * uses, so the demo stores exactly what an import of those days would (upvotes, comments,
 * submitters, discussion ids, AI summaries, code links). A paper featured on several days is merged
 * as the store merges it (later capture wins the counts). Deterministic: same input, same bytes.
 *
 *   npm run demo:build -- [--input ../shared/data/hf-daily-papers/raw] [--days 60]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseHfDailyPapers } from '../src/adapters/sources/hf/hf-daily-parser.ts';
import { mergePaper } from '../src/core/papers/merge-paper.ts';
import type { Paper } from '../src/core/papers/model.ts';

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: '../shared/data/hf-daily-papers/raw' },
    output: { type: 'string', default: 'assets/demo-corpus.jsonl.gz' },
    days: { type: 'string', default: '60' },
  },
});

const files = readdirSync(values.input)
  .filter((f) => /^\d{4}-\d{2}-\d{2}\.json(\.gz)?$/.test(f))
  .sort()
  .slice(-Number(values.days));
const papers = new Map<string, Paper>();
let entries = 0;
for (const file of files) {
  const day = file.slice(0, 10);
  const raw = readFileSync(join(values.input, file));
  const body = (raw[0] === 0x1f ? gunzipSync(raw) : raw).toString('utf8');
  for (const record of parseHfDailyPapers(body, day, `${day}T00:00:00.000Z`)) {
    if (!('paper' in record)) throw new Error(`${file} line ${record.line}: ${record.error}`);
    entries++;
    const known = papers.get(record.paper.id);
    papers.set(record.paper.id, known ? mergePaper(known, record.paper) : record.paper);
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
console.log(
  `wrote ${values.output}: ${sorted.length} papers (${entries} entries) over ${files.length} days (${files[0]?.slice(0, 10)} … ${files.at(-1)?.slice(0, 10)}), ${(gz.length / 1024 / 1024).toFixed(2)} MB`,
);
