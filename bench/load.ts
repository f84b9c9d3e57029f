/**
 * `npm run bench:load`: HTTP load on loopback against a real `paperboy serve` (child process,
 * demo corpus, default embedder) with autocannon — each path for BENCH_SECONDS (default 30) at
 * 16 and 64 connections, while a single connection probes /healthz; prints one table row per
 * run (req/s, p50, p99, max, errors, /healthz p99) and the load average before and after. Run it
 * under `flock /work/.bench.lock` on a shared machine.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type Result } from 'autocannon';
import { tempDir } from '../test/db.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '16,64').split(',').map(Number);
const ONLY = process.env.BENCH_PATHS?.split(',');

const dir = tempDir('paperboy-load-');
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
console.log(`load average before: ${load()} (1, 5, 15 min; 2 cores)`);

const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, '../src/main.ts'), 'serve', '--port', '0'],
  {
    env: {
      ...process.env,
      PAPERBOY_DATA_DIR: dir.path,
      PAPERBOY_API_PER_IP_MINUTE: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
let base = '';
// The server logs JSON lines on stderr; the 'listening' one carries its URL.
for await (const line of createInterface({ input: child.stderr })) {
  if (!line.startsWith('{')) continue;
  const entry = JSON.parse(line) as { msg?: string; url?: string; startup_ms?: number };
  if (entry.msg === 'listening' && entry.url) {
    base = entry.url.replace('localhost', '127.0.0.1');
    console.log(`server ready in ${entry.startup_ms} ms at ${base}`);
    break;
  }
}
child.stderr.resume();

const daily = (await (await fetch(`${base}/api/daily_papers`)).json()) as {
  paper: { id: string };
}[];
const paperId = daily[0]?.paper.id ?? '2608.00001';
const paths = [
  '/',
  `/papers/${paperId}`,
  '/search?q=diffusion%20models%20for%20video',
  '/api/daily_papers',
  '/feeds/daily.rss',
  '/trending',
].filter((p) => !ONLY || ONLY.some((o) => p.startsWith(o)));

function run(url: string, connections: number, duration: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

// Warm-up: the first requests load the model and fill caches.
for (const path of paths) await run(`${base}${path}`, 4, 2);

const rows: string[] = [];
const header =
  'path                                      conns   req/s    p50 ms   p99 ms   max ms  errors  /healthz p99 ms';
console.log(header);
for (const path of paths) {
  for (const connections of CONNECTIONS) {
    const [main, health] = await Promise.all([
      run(`${base}${path}`, connections, SECONDS),
      run(`${base}/healthz`, 1, SECONDS),
    ]);
    const errors = main.errors + main.timeouts + main.non2xx;
    const row = [
      path.slice(0, 40).padEnd(40),
      String(connections).padStart(6),
      main.requests.average.toFixed(0).padStart(8),
      main.latency.p50.toFixed(0).padStart(8),
      main.latency.p99.toFixed(0).padStart(8),
      main.latency.max.toFixed(0).padStart(8),
      String(errors).padStart(7),
      health.latency.p99.toFixed(0).padStart(16),
    ].join(' ');
    rows.push(row);
    console.log(row);
  }
}
console.log(`load average after: ${load()}`);
child.kill('SIGTERM');
await once(child, 'exit');
dir.remove();
