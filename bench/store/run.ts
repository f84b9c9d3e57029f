/**
 * `npm run bench:store`: one write + read workload on SQLite and on PostgreSQL in the same run,
 * printed as a table with ratios. Per engine: a fresh store with the demo corpus (1,416 featured
 * papers) and 16 signed-in readers; a snapshot import of the ~62k shared papers (child process,
 * the `paperboy ingest snapshot` path); then real HTTP against real `serve --no-worker` processes:
 * page reads (`/` and `/papers/:id`), vote toggles and comments, 8 clients at once. On PostgreSQL
 * also page reads from 16 clients against one web process and against two.
 *
 *   flock /work/.bench.lock npm run bench:store -- [--records 78924] [--reads 800]
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
import { clientFor, drive, form } from './load.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    records: { type: 'string', default: String(Number.POSITIVE_INFINITY) },
    reads: { type: 'string', default: '800' },
    writes: { type: 'string', default: '400' },
  },
});
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:55432/postgres';
const READS = Number(values.reads);
const WRITES = Number(values.writes);
const READERS = 16;

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

async function webWorkload(
  engine: Engine,
  env: Record<string, string>,
  snapshot: { file: string; distinct: number },
) {
  const { tokens, ids } = await seed(env);
  const figures: Figures = importSnapshot(snapshot.file, snapshot.distinct, env);
  const servers: PaperboyProcess[] = [];
  try {
    const one = await startWeb(`${engine}-web0`, env);
    servers.push(one.process);
    const clients = await Promise.all(tokens.map((t) => clientFor(one.url, t)));
    const paper = (n: number) => ids[(n * 7919) % ids.length] as string;
    /** Runs one measured phase and prints where the CPU went meanwhile. */
    const phase = async (name: string, fn: () => Promise<number>) => {
      const backends = await backendPids(env);
      const web = servers.map((s) => s.pid);
      const m = await withCpu([...web, ...backends], fn);
      const webCpu = m.cpu.slice(0, web.length).map((c) => c.toFixed(1));
      const dbCpu = m.cpu.slice(web.length).reduce((a, b) => a + b, 0);
      console.log(
        `  ${name}: ${Math.round(m.result)}/s — CPU s: web ${webCpu.join(' + ')}, ${engine === 'postgres' ? `PostgreSQL backends ${dbCpu.toFixed(1)}, ` : ''}bench client ${m.self.toFixed(1)}; machine ${Math.round(m.machineBusy * 100)}% busy`,
      );
      figures[name] = m.result;
    };
    const reads = (bases: string[], concurrency: number) => () =>
      drive({
        bases,
        clients,
        concurrency,
        total: READS,
        expect: 200,
        request: (n) => ({ path: n % 2 === 0 ? '/' : `/papers/${paper(n)}` }),
      });
    await reads([one.url], 8)(); // warm-up: caches, JIT, connections
    await phase('page reads/s', reads([one.url], 8));
    await phase('vote toggles/s', () =>
      drive({
        bases: [one.url],
        clients,
        concurrency: 8,
        total: WRITES,
        expect: 200,
        request: (n, client) => ({ path: '/vote', init: form(client, { paper: paper(n) }, true) }),
      }),
    );
    await phase('comments/s', () =>
      drive({
        bases: [one.url],
        clients,
        concurrency: 8,
        total: WRITES,
        expect: 303,
        request: (n, client) => ({
          path: '/comments',
          init: form(client, { paper: paper(n), body: `Benchmark comment ${n}.` }),
        }),
      }),
    );
    if (engine === 'postgres') {
      await phase('page reads/s, 16 clients, 1 web process', reads([one.url], 16));
      const two = await startWeb(`${engine}-web1`, env);
      servers.push(two.process);
      await reads([two.url], 8)(); // warm-up
      await phase('page reads/s, 16 clients, 2 web processes', reads([one.url, two.url], 16));
    }
  } finally {
    for (const s of servers) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
  }
  return figures;
}

/** The server processes serving this store's database (PostgreSQL on this machine only). */
async function backendPids(env: Record<string, string>): Promise<number[]> {
  if (!env.DATABASE_URL) return [];
  const name = new URL(env.DATABASE_URL).pathname.slice(1);
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1',
    [name],
  );
  return rows.map((r) => r.pid).filter((pid) => processCpu(pid) > 0 || pid > 0);
}

const fmt = (n: number | undefined) =>
  n === undefined ? '—' : Math.round(n).toLocaleString('en-US');

await admin.connect();
try {
  console.log(
    `bench:store on ${cpus().length} cores; load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const file = join(work.path, 'snapshot.json');
  const converted = await convertSharedData(resolve(values.data), file, Number(values.records));
  console.log(`snapshot: ${converted.lines} records, ${converted.ids} distinct papers`);
  const results: Record<Engine, Figures> = { sqlite: {}, postgres: {} };
  for (const engine of ['sqlite', 'postgres'] as const) {
    console.log(`${engine}:`);
    results[engine] = await webWorkload(engine, await storeEnv(engine), {
      file,
      distinct: converted.ids,
    });
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
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await admin
    .query(`DROP DATABASE IF EXISTS pb_bench_store_${process.pid} WITH (FORCE)`)
    .catch(() => {});
  await admin.end();
  work.remove();
}
