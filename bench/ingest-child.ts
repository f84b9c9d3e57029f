/**
 * Child of bench/ingest.ts and bench/store: imports one snapshot file into a fresh store exactly as
 * `paperboy ingest snapshot` does, then prints one JSON line with time and peak RSS.
 */
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { ingestSource, summarizeIngest } from '../src/core/ingest/ingest-source.ts';
import { silentLogger } from '../src/log.ts';

const [file, dataDir, batchSize] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: ingest-child.ts <snapshot file> <data dir> [batch]');
// DATABASE_URL in the environment imports into PostgreSQL (bench:store); else SQLite in dataDir.
const config = loadConfig({
  PAPERBOY_DATA_DIR: dataDir,
  PAPERBOY_DEMO: 'false',
  PAPERBOY_EMBEDDER: 'none',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
if (!config.ok) throw new Error(config.problems.join('\n'));
const c = await createContainer(config.config, { log: silentLogger });
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const report = await ingestSource({
  source: c.sources.snapshot(file, { batchSize: Number(batchSize ?? 1000) }),
  store: c.ingest,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const papers = await c.papers.count();
await c.close();
console.log(
  JSON.stringify({
    records: report.read,
    papers,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    summary: summarizeIngest(report),
  }),
);
