/**
 * `npm run bench:backfill`: how long the embedding job takes to give N real papers (../shared/data)
 * vectors, end to end as the worker does it (embed in batches of 64, store, index), per embedder —
 * and what that means for a lab importing 100k papers. Run under `flock /work/.bench.lock` and
 * note `uptime`.
 *
 *   npm run bench:backfill -- [--embedders static,use-lite] [--papers 3000] [--use-lite-papers 300]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { emptyCommunity, type Paper } from '../src/core/papers/model.ts';
import { silentLogger } from '../src/log.ts';
import { type BenchPaper, loadRealCorpus } from './search/real-corpus.ts';

const { values } = parseArgs({
  options: {
    embedders: { type: 'string', default: 'static,use-lite' },
    papers: { type: 'string', default: '3000' },
    'use-lite-papers': { type: 'string', default: '300' },
  },
});

function toPaper(p: BenchPaper): Paper {
  const at = p.submittedAt ?? '2025-01-01T00:00:00Z';
  return {
    id: p.id,
    version: 1,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors,
    categories: p.categories,
    submittedAt: at,
    updatedAt: null,
    doi: null,
    journalRef: null,
    comments: null,
    links: { code: null, project: null },
    versions: [{ version: 1, submittedAt: at }],
    community: emptyCommunity(),
    provenance: { source: 'arxiv-oai', fetchedAt: at },
  };
}

const real = (await loadRealCorpus()).filter((p) => p.title && p.abstract);
console.log(
  `${real.length} real papers loaded; ${cpus().length} cores; papers taken in corpus order\n`,
);
console.log('| embedder | threads | papers | seconds | papers/s | 100k papers would take |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const name of values.embedders.split(',').filter(Boolean)) {
  const n = Number(name === 'use-lite' ? values['use-lite-papers'] : values.papers);
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-backfill-'));
  const config = loadConfig({
    ...process.env,
    PAPERBOY_DATA_DIR: dir,
    PAPERBOY_DEMO: 'false',
    PAPERBOY_EMBEDDER: name,
  });
  if (!config.ok) throw new Error(config.problems.join('\n'));
  const c = await createContainer(config.config, { log: silentLogger });
  try {
    await c.ingest.commitPage(real.slice(0, n).map(toPaper), null);
    await c.search.embedder?.warm?.();
    const started = performance.now();
    const report = await c.models.step({ queue: c.embeddingQueue, papers: c.papers, log: c.log });
    const seconds = (performance.now() - started) / 1000;
    const rate = (report?.embedded ?? 0) / seconds;
    const hours = 100_000 / rate / 3600;
    console.log(
      `| ${report?.serving} | ${name === 'static' ? 1 : config.config.embedderThreads} | ${report?.embedded} | ${seconds.toFixed(1)} | ${rate.toFixed(1)} | ${hours >= 1 ? `${hours.toFixed(1)} h` : `${(hours * 60).toFixed(1)} min`} |`,
    );
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
