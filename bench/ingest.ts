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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertSharedData } from './snapshot-from-shared-data.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    'batch-size': { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
  },
});
const data = resolve(values.data);

const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-ingest-'));
try {
  const file = join(dir, 'arxiv-metadata-oai-snapshot.json');
  const converted = await convertSharedData(data, file);
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
