/**
 * `npm run bench:store`: one write + read workload on SQLite and on PostgreSQL in the same run,
 * printed as a table with ratios. Per engine: a fresh store with the demo corpus (1,416 featured
 * papers) and 16 signed-in readers; a snapshot import of the ~62k shared papers (child process,
 * the `paperboy ingest snapshot` path); then real HTTP against real `serve --no-worker` processes:
 * page reads (`/` and `/papers/:id`), vote toggles and comments, 8 clients at once. On PostgreSQL
 * also page reads from 16 clients against one web process and against two. The engines take
 * turns phase by phase for `--rounds` rounds; each web figure is the best of its rounds.
 *
 *   flock /work/.bench.lock npm run bench:store -- [--records N] [--reads 800] [--writes 400]
 *   (BENCH_DATABASE_URL or TEST_DATABASE_URL: a PostgreSQL server where databases may be created)
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { createContainer } from '../../src/container.ts';
import { hashToken, newToken } from '../../src/core/community/secrets.ts';
import { silentLogger } from '../../src/log.ts';
import { type PaperboyProcess, startWeb } from '../../test/cluster/processes.ts';
import { tempDir } from '../../test/db.ts';
import { convertSharedData } from '../snapshot-from-shared-data.ts';
import { processCpu, withCpu } from './cpu.ts';
import { type Client, clientFor, drive, form } from './load.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    records: { type: 'string', default: String(Number.POSITIVE_INFINITY) },
    reads: { type: 'string', default: '800' },
    writes: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '2' },
  },
});
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:55432/postgres';
const READS = Number(values.reads);
const WRITES = Number(values.writes);
const READERS = 16;
const ROUNDS = Number(values.rounds);

type Engine = 'sqlite' | 'postgres';
type Figures = Record<string, number>;
const work = tempDir('paperboy-bench-store-');
const admin = new pg.Client({ connectionString: ADMIN_URL });

async function storeEnv(engine: Engine): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    PAPERBOY_DATA_DIR: join(work.path, engine),
    PAPERBOY_EMBEDDER: 'none',
    PAPERBOY_DEMO: 'false',
    LOG_LEVEL: 'info',
  };
  if (engine === 'sqlite') return env;
  const name = `pb_bench_store_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { ...env, DATABASE_URL: url.toString() };
}

/** Demo corpus and READERS signed-in readers (session tokens returned); not timed. */
async function seed(env: Record<string, string>): Promise<{ tokens: string[]; ids: string[] }> {
  const config = loadConfig({ ...env, PAPERBOY_DEMO: 'true' });
  if (!config.ok) throw new Error(config.problems.join('\n'));
  const c = await createContainer(config.config, { log: silentLogger });
  try {
    await c.seedDemo();
    const tokens: string[] = [];
    const now = new Date();
    for (let i = 0; i < READERS; i++) {
      const user = await c.community.users.create({
        id: `bench-${i}`,
        email: `bench${i}@example.org`,
        handle: `bench-${i}`,
        displayName: `Bench ${i}`,
        role: 'reader',
        createdAt: now.toISOString(),
      });
      const token = newToken();
      await c.community.sessions.create({
        idHash: hashToken(token),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
      });
      tokens.push(token);
    }
    const page = await c.papers.listFeatured(
      { from: '0000-01-01', to: '9999-12-31' },
      { limit: 200, offset: 0 },
    );
    return { tokens, ids: page.items.map((f) => f.paper.id) };
  } finally {
    await c.close();
  }
}

function importSnapshot(file: string, distinct: number, env: Record<string, string>): Figures {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/ingest-child.ts', file, env.PAPERBOY_DATA_DIR ?? '', '1000'],
    { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
    records: number;
    papers: number;
    seconds: number;
    cpuSeconds: number;
  };
  console.log(
    `  import: ${r.records} records, ${r.papers} papers in the store, ${r.seconds.toFixed(1)} s (importer CPU ${r.cpuSeconds.toFixed(1)} s)`,
  );
  return {
    'snapshot import papers/s (distinct)': distinct / r.seconds,
    'snapshot import records/s': r.records / r.seconds,
  };
}

interface Side {
  engine: Engine;
  env: Record<string, string>;
  ids: string[];
  clients: Client[];
  /** Web processes: one, and on PostgreSQL a second for the scaling figure. */
  web: { process: PaperboyProcess; url: string }[];
}

async function openSide(engine: Engine, snapshot: { file: string; distinct: number }) {
  const env = await storeEnv(engine);
  const { tokens, ids } = await seed(env);
  console.log(`${engine}:`);
  const figures = importSnapshot(snapshot.file, snapshot.distinct, env);
  const web = [await startWeb(`${engine}-web0`, env)];
  if (engine === 'postgres') web.push(await startWeb(`${engine}-web1`, env));
  const first = web[0]?.url ?? '';
  const clients = await Promise.all(tokens.map((t) => clientFor(first, t)));
  const side: Side = { engine, env, ids, clients, web };
  for (const w of web) await reads(side, [w.url], 8); // warm-up: caches, JIT, connections
  return { side, figures };
}

const paperOf = (side: Side, n: number) => side.ids[(n * 7919) % side.ids.length] as string;

function reads(side: Side, bases: string[], concurrency: number): Promise<number> {
  return drive({
    bases,
    clients: side.clients,
    concurrency,
    total: READS,
    expect: 200,
    request: (n) => ({ path: n % 2 === 0 ? '/' : `/papers/${paperOf(side, n)}` }),
  });
}

/** The measured phases, each run on every side it applies to. */
const PHASES: { name: string; engines: Engine[]; run: (side: Side) => Promise<number> }[] = [
  { name: 'page reads/s', engines: ['sqlite', 'postgres'], run: (s) => reads(s, [url(s, 0)], 8) },
  {
    name: 'vote toggles/s',
    engines: ['sqlite', 'postgres'],
    run: (s) =>
      drive({
        bases: [url(s, 0)],
        clients: s.clients,
        concurrency: 8,
        total: WRITES,
        expect: 200,
        request: (n, c) => ({ path: '/vote', init: form(c, { paper: paperOf(s, n) }, true) }),
      }),
  },
  {
    name: 'comments/s',
    engines: ['sqlite', 'postgres'],
    run: (s) =>
      drive({
        bases: [url(s, 0)],
        clients: s.clients,
        concurrency: 8,
        total: WRITES,
        expect: 303,
        request: (n, c) => ({
          path: '/comments',
          init: form(c, { paper: paperOf(s, n), body: `Benchmark comment ${n}.` }),
        }),
      }),
  },
  {
    name: 'page reads/s, 16 clients, 1 web process',
    engines: ['postgres'],
    run: (s) => reads(s, [url(s, 0)], 16),
  },
  {
    name: 'page reads/s, 16 clients, 2 web processes',
    engines: ['postgres'],
    run: (s) => reads(s, [url(s, 0), url(s, 1)], 16),
  },
];

function url(side: Side, i: number): string {
  return side.web[i]?.url ?? '';
}

/** Runs one phase on one side and prints where the CPU went meanwhile. */
async function measure(side: Side, phase: (typeof PHASES)[number]): Promise<number> {
  const web = side.web.map((w) => w.process.pid);
  const before = new Map((await backendPids(side.env)).map((pid) => [pid, processCpu(pid)]));
  const m = await withCpu(web, () => phase.run(side));
  // Backends that connected meanwhile count in full; ones that exited meanwhile are lost.
  let dbCpu = 0;
  for (const pid of await backendPids(side.env)) {
    dbCpu += Math.max(0, processCpu(pid) - (before.get(pid) ?? 0));
  }
  const webCpu = m.cpu.map((c) => c.toFixed(1));
  const db = side.engine === 'postgres' ? `PostgreSQL backends ${dbCpu.toFixed(1)}, ` : '';
  console.log(
    `  ${side.engine} ${phase.name}: ${Math.round(m.result)} — CPU s: web ${webCpu.join(' + ')}, ${db}bench client ${m.self.toFixed(1)}; machine ${Math.round(m.machineBusy * 100)}% busy`,
  );
  return m.result;
}

/** The server processes serving this store's database (PostgreSQL on this machine only). */
async function backendPids(env: Record<string, string>): Promise<number[]> {
  if (!env.DATABASE_URL) return [];
  const name = new URL(env.DATABASE_URL).pathname.slice(1);
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1',
    [name],
  );
  return rows.map((r) => r.pid);
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const fmt = (n: number | undefined) =>
  n === undefined ? '—' : Math.round(n).toLocaleString('en-US');

await admin.connect();
const sides: Side[] = [];
try {
  const cores = cpus().length;
  console.log(`bench:store on ${cores} cores; load average before: ${load()}`);
  const file = join(work.path, 'snapshot.json');
  const converted = await convertSharedData(resolve(values.data), file, Number(values.records));
  console.log(`snapshot: ${converted.lines} records, ${converted.ids} distinct papers`);
  const results: Record<Engine, Figures> = { sqlite: {}, postgres: {} };
  for (const engine of ['sqlite', 'postgres'] as const) {
    const { side, figures } = await openSide(engine, { file, distinct: converted.ids });
    sides.push(side);
    results[engine] = figures;
  }
  // Engines alternate phase by phase, round after round, so a neighbour's burst of load falls
  // on both alike; each figure is the best of its rounds (the least disturbed).
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round} of ${ROUNDS} (load average ${load()}):`);
    for (const phase of PHASES) {
      for (const side of sides.filter((s) => phase.engines.includes(s.engine))) {
        const figure = await measure(side, phase);
        results[side.engine][phase.name] = Math.max(results[side.engine][phase.name] ?? 0, figure);
      }
    }
  }
  const rows = [...new Set([...Object.keys(results.sqlite), ...Object.keys(results.postgres)])];
  console.log(
    `\n| figure | SQLite | PostgreSQL | PostgreSQL / SQLite |\n| --- | ---: | ---: | ---: |`,
  );
  for (const row of rows) {
    const s = results.sqlite[row];
    const p = results.postgres[row];
    const ratio = s && p ? `${(p / s).toFixed(2)}×` : '';
    console.log(`| ${row} | ${fmt(s)} | ${fmt(p)} | ${ratio} |`);
  }
  const one = results.postgres['page reads/s, 16 clients, 1 web process'];
  const two = results.postgres['page reads/s, 16 clients, 2 web processes'];
  if (one && two)
    console.log(`\nPostgreSQL page reads, two web processes / one: ${(two / one).toFixed(2)}×`);
  console.log(`web figures: best of ${ROUNDS} rounds; load average after: ${load()}`);
} finally {
  const processes = sides.flatMap((s) => s.web.map((w) => w.process));
  for (const p of processes) p.kill('SIGTERM');
  await Promise.all(processes.map((p) => p.exited));
  await admin
    .query(`DROP DATABASE IF EXISTS pb_bench_store_${process.pid} WITH (FORCE)`)
    .catch(() => {});
  await admin.end();
  work.remove();
}
