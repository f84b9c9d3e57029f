/**
 * `npm run bench:digest`: build and send saved-search alerts for 10,000 subscribers over one day
 * of 1,000 new papers to a local SMTP server (its own process), then again the next day.
 *
 * Papers are real (the demo corpus: titles, abstracts, AI keywords), re-dated as new. Saved
 * searches are drawn from the corpus' keyword phrases, Zipf-distributed over a pool of distinct
 * queries (popular topics are shared, as on any real instance). Subscribers are spread over six
 * time zones that are all past 07:00 on the benchmark's Monday. The embedder is the bundled
 * USE-lite unless BENCH_EMBEDDER=none (keywords only). Setup (papers, their vectors, subscribers)
 * is not timed; each day's `sendDigests` run is, split into planning and delivery. Day 1 embeds
 * every distinct query (cold); day 2 finds them in the query-vector cache (warm).
 *
 * Knobs: BENCH_SUBSCRIBERS (10000), BENCH_NEW_PAPERS (1000), BENCH_QUERIES (2000 distinct),
 * BENCH_EMBEDDER (use-lite | none), BENCH_CONCURRENCY (2).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config.ts';
import { createContainer, DEMO_CORPUS_PATH } from '../src/container.ts';
import { fixedClock } from '../src/core/clock.ts';
import { sendDigests } from '../src/core/digests/send-digests.ts';
import { subscribe } from '../src/core/digests/subscribe.ts';
import { embedPending } from '../src/core/embeddings/embed-papers.ts';
import type { Paper } from '../src/core/papers/model.ts';
import { silentLogger } from '../src/log.ts';
import { tempDir } from '../test/db.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const NEW_PAPERS = Number(process.env.BENCH_NEW_PAPERS ?? 1_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);
const EMBEDDER = process.env.BENCH_EMBEDDER ?? 'use-lite';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'America/Sao_Paulo',
];
const MONDAY = Date.parse('2026-08-24T12:00:00Z');
const DAY = 86_400_000;

const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const sink = await startSink();
const dir = tempDir('paperboy-bench-digest-');
const config = loadConfig({
  PAPERBOY_DATA_DIR: dir.path,
  PAPERBOY_DEMO: 'false',
  PAPERBOY_EMBEDDER: EMBEDDER,
  PAPERBOY_BASE_URL: 'https://papers.example.org',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(sink.port),
});
if (!config.ok) throw new Error(config.problems.join('\n'));
const clock = fixedClock(new Date(MONDAY - 2 * DAY));
const c = await createContainer(config.config, { log: silentLogger, clock });
const corpus: Paper[] = [];
const texts: Paper[] = [];
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

try {
  log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for await (const r of c.readPaperFile(DEMO_CORPUS_PATH)) if ('paper' in r) corpus.push(r.paper);
  texts.push(...corpus.slice(0, NEW_PAPERS));
  log(
    `${SUBSCRIBERS} subscribers · ${texts.length} new papers a day · ${QUERIES} distinct saved searches · embedder ${EMBEDDER} · ${CONCURRENCY} SMTP connections`,
  );

  let t = Date.now();
  const pool = queryPool(corpus, QUERIES);
  for (let i = 0; i < SUBSCRIBERS; i++) {
    await subscribe(c.subscriptionDeps, {
      email: `reader${i}@example.org`,
      kind: 'search',
      query: pool[zipf(i, pool.length)] ?? 'language models',
      timeZone: ZONES[i % ZONES.length],
      verified: true,
    });
  }
  log(`setup: ${SUBSCRIBERS} subscriptions in ${seconds(Date.now() - t)}`);

  for (const day of [1, 2]) {
    const dayStart = MONDAY - 12 * 3_600_000 + (day - 1) * DAY; // 00:00 UTC
    clock.advance(dayStart - clock.now().getTime());
    t = Date.now();
    await c.papers.upsertMany(texts.map((p, i) => asNew(p, day, i, dayStart)));
    await embed(day);
    log(
      `day ${day} setup: ${texts.length} papers stored and embedded in ${seconds(Date.now() - t)}`,
    );

    clock.advance(MONDAY + (day - 1) * DAY - clock.now().getTime());
    const before = await sink.count();
    const started = Date.now();
    let planned = 0;
    const report = await sendDigests(c.digestDeps, {
      lockOwner: `bench:${process.pid}:x`,
      concurrency: CONCURRENCY,
      onProgress: (phase) => {
        if (phase === 'send' && planned === 0) planned = Date.now();
      },
    });
    const total = Date.now() - started;
    const received = (await sink.count()).messages - before.messages;
    const bytes = (await sink.count()).bytes - before.bytes;
    const p = report.plan;
    log(`day ${day} (${day === 1 ? 'cold: every query embedded' : 'warm: query vectors cached'}):`);
    log(
      `  planned ${p.due} due digests (${p.recorded} with papers, ${p.empty} empty) in ${seconds((planned || Date.now()) - started)}`,
    );
    log(
      `  sent ${report.sent} (failed ${report.failed}, retrying ${report.retrying}) in ${seconds(total - ((planned || started) - started))}`,
    );
    log(
      `  total ${seconds(total)} · ${(report.sent / (total / 1000)).toFixed(0)} digests/s · SMTP server received ${received} messages, ${(bytes / 1e6).toFixed(1)} MB`,
    );
    if (received !== report.sent)
      log(`  !! the server received ${received}, the sender counted ${report.sent}`);
  }
  log(
    `peak RSS ${(peakRss / 1e6).toFixed(0)} MB · load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  clearInterval(sampler);
  await c.close();
  sink.stop();
  dir.remove();
}

/** The day's copy of a corpus paper: a new id, submitted the day before, no featured days. */
function asNew(p: Paper, day: number, i: number, dayStart: number): Paper {
  const submitted = new Date(dayStart - DAY).toISOString();
  return {
    ...p,
    id: `26${day === 1 ? '08' : '09'}.${String(30000 + i).padStart(5, '0')}`,
    submittedAt: submitted,
    versions: [{ version: 1, submittedAt: submitted }],
    community: { ...p.community, featuredDays: [] },
  };
}

/** Day 1 embeds its papers with the real model; day 2's papers share their texts, so copy. */
async function embed(day: number) {
  const { embedder, vectors } = c.search;
  if (!embedder || !vectors) return;
  if (day === 1) {
    await embedPending({
      queue: c.embeddingQueue,
      papers: c.papers,
      embedder,
      vectors,
      log: silentLogger,
    });
    return;
  }
  const items = [];
  for (let i = 0; i < texts.length; i++) {
    const v = await vectors.get(`2608.${String(30000 + i).padStart(5, '0')}`);
    if (v)
      items.push({
        paperId: `2609.${String(30000 + i).padStart(5, '0')}`,
        vector: v,
        textHash: 'copy',
      });
  }
  await vectors.put(items);
}

/** Distinct saved searches: the corpus' AI keyword phrases (2–5 words), in corpus order. */
function queryPool(papers: Paper[], n: number): string[] {
  const seen = new Set<string>();
  for (const p of papers) {
    for (const k of p.community.aiKeywords) {
      const words = k.trim().split(/\s+/).length;
      if (words >= 2 && words <= 5 && k.length <= 80) seen.add(k.trim().toLowerCase());
      if (seen.size >= n) return [...seen];
    }
  }
  return [...seen];
}

/** The i-th subscriber's query index, Zipf(1)-like over `n` queries (deterministic). */
function zipf(i: number, n: number): number {
  const u = ((i * 2654435761) % 2 ** 32) / 2 ** 32;
  return Math.min(n - 1, Math.floor(n ** u) - 1);
}

async function startSink(): Promise<{
  port: number;
  count(): Promise<{ messages: number; bytes: number }>;
  stop(): void;
}> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'smtp-sink.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((r) => waiting.push(r));
  const port = Number((await next()).split(' ')[1]);
  return {
    port,
    async count() {
      const reply = next();
      child.stdin?.write('count\n');
      const [, messages, bytes] = (await reply).split(' ');
      return { messages: Number(messages), bytes: Number(bytes) };
    },
    stop: () => child.stdin?.end(),
  };
}
