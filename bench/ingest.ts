/**
 * `npm run bench:ingest`: snapshot-import throughput and peak memory on the ~62k real papers in
 * ../shared/data (arxiver-48k + daily-arxiv-digest-cs + Hugging Face papers). The records are first
 * converted to the Kaggle arXiv snapshot line format (this script, not timed), then a child process
 * imports that file into a fresh store through the same code `paperboy ingest snapshot` runs
 * (parse → merge → batched upserts → embedding queue → cursor), without embedding.
 *
 *   npm run bench:ingest -- [--data ../shared/data] [--batch-size 1000] [--runs 1]
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    'batch-size': { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
  },
});
const data = resolve(values.data);
const inputs = {
  arxiver: join(data, 'arxiver-48k/arxiver_records.jsonl.gz'),
  digest: join(data, 'daily-arxiv-digest-cs/listing_records_2025-04-24_2025-09-18.jsonl.gz'),
  hf: join(data, 'hf-daily-papers/papers.normalized.jsonl.gz'),
};
for (const path of Object.values(inputs)) {
  if (!existsSync(path)) throw new Error(`missing ${path}; pass --data <dir of shared data>`);
}

type Kaggle = Record<string, unknown>;

async function* lines(path: string): AsyncGenerator<Record<string, unknown>> {
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()) });
  for await (const line of rl) if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
}

/** RFC 2822 date as in the snapshot's versions[].created. */
const rfc = (iso: string) => new Date(iso).toUTCString();

function fromArxiver(r: Record<string, unknown>): Kaggle {
  const link = String(r.link);
  const match = /abs\/(.+?)v(\d+)$/.exec(link);
  const id = match?.[1] ?? link.split('/abs/')[1];
  const v = match?.[2] ?? '1';
  const primary = String(r.primary_category ?? '');
  const cats = [primary, ...((r.categories as string[]) ?? []).filter((c) => c !== primary)];
  const created = rfc(`${String(r.published).replace(' ', 'T')}Z`);
  const n = Number(v);
  return {
    id,
    authors: '',
    title: r.title,
    abstract: r.abstract,
    categories: cats.filter(Boolean).join(' '),
    versions: Array.from({ length: n }, (_, i) => ({ version: `v${i + 1}`, created })),
    authors_parsed: [],
  };
}

function fromDigest(r: Record<string, unknown>): Kaggle {
  const authors = (r.authors as string[]) ?? [];
  return {
    id: r.id,
    authors: authors.join(', '),
    title: r.title,
    abstract: r.summary,
    comments: r.comment ?? null,
    categories: ((r.categories as string[]) ?? []).join(' '),
    versions: [],
    authors_parsed: authors.map((a) => {
      const parts = a.split(' ');
      return [parts.at(-1) ?? '', parts.slice(0, -1).join(' '), ''];
    }),
  };
}

function fromHf(r: Record<string, unknown>): Kaggle {
  const authors = (r.authors as string[]) ?? [];
  return {
    id: r.arxiv_id,
    authors: authors.join(', '),
    title: r.title,
    abstract: r.abstract,
    categories: '',
    versions: r.published_at ? [{ version: 'v1', created: rfc(String(r.published_at)) }] : [],
    authors_parsed: [],
  };
}

async function convert(file: string): Promise<{ lines: number; ids: number }> {
  const out = createWriteStream(file);
  const ids = new Set<string>();
  let n = 0;
  const write = async (k: Kaggle) => {
    ids.add(String(k.id));
    n++;
    if (!out.write(`${JSON.stringify(k)}\n`)) await once(out, 'drain');
  };
  for await (const r of lines(inputs.arxiver)) await write(fromArxiver(r));
  for await (const r of lines(inputs.digest)) await write(fromDigest(r));
  for await (const r of lines(inputs.hf)) await write(fromHf(r));
  out.end();
  await once(out, 'finish');
  return { lines: n, ids: ids.size };
}

const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-ingest-'));
try {
  const file = join(dir, 'arxiv-metadata-oai-snapshot.json');
  const converted = await convert(file);
  console.log(
    `converted ${converted.lines} records (${converted.ids} unique arXiv ids) to the snapshot format`,
  );
  for (let run = 1; run <= Number(values.runs); run++) {
    const store = join(dir, `store-${run}`);
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'bench/ingest-child.ts', file, store, values['batch-size']],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      records: number;
      papers: number;
      seconds: number;
      cpuSeconds: number;
      maxRssMb: number;
      summary: string;
    };
    console.log(
      `run ${run}: ${r.records} records → ${r.papers} papers in ${r.seconds.toFixed(2)} s = ` +
        `${Math.round(r.records / r.seconds)} records/s (${Math.round(r.papers / r.seconds)} unique papers/s), ` +
        `CPU ${r.cpuSeconds.toFixed(2)} s (${Math.round(r.records / r.cpuSeconds)} records per CPU-second), ` +
        `peak RSS ${r.maxRssMb.toFixed(0)} MB, batch ${values['batch-size']} | ${r.summary}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
