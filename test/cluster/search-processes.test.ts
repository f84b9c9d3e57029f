/**
 * Search shared by processes on one PostgreSQL: 2 web processes answer searches while a worker
 * harvests 2,000 new papers and embeds them. Every paper must become findable by its words and
 * by its meaning from both web processes — nothing per process can drift, since the keyword and
 * vector indexes live in the database. The test waits on events (log lines, HTTP answers) and
 * prints, as a figure, how long after its page's commit each paper was first found.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../db.ts';
import { freshPostgresDatabase, postgresUnavailable } from '../engines.ts';
import { fixture } from '../replay-server.ts';
import { type PaperboyProcess, startWeb, startWorkerProcess } from './processes.ts';

const skip = (await postgresUnavailable()) ?? false;
const work = tempDir('paperboy-search-cluster-');
const cleanups: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
  work.remove();
});

const RECORDS = 2000;
const PAGE = 1000; // the snapshot source commits a page of 1,000 records at a time
const BASES = 200; // the fixture's records; each is repeated RECORDS / BASES times

interface Planted {
  id: string;
  /** A word no other paper has, planted in the title. */
  word: string;
  /** The title shared by the copies of one fixture record (what a meaning search asks). */
  base: string;
  page: number;
}

/** 2,000 papers: the fixture's 200 records, each repeated with new ids and a unique title word. */
function writeSnapshot(path: string): Planted[] {
  const lines = fixture('snapshot/arxiv-metadata-oai-snapshot.head200.jsonl').trim().split('\n');
  const out: string[] = [];
  const planted: Planted[] = [];
  for (let k = 0; k < RECORDS; k++) {
    const record = JSON.parse(lines[k % BASES] as string) as { title: string };
    const id = `25${String(1 + Math.floor(k / BASES)).padStart(2, '0')}.${String(
      (k % BASES) + 1,
    ).padStart(5, '0')}`;
    const word = `zq${String(k).padStart(5, '0')}`;
    const base = record.title.replace(/\s+/g, ' ').trim();
    out.push(JSON.stringify({ ...record, id, title: `${base} ${word}` }));
    planted.push({ id, word, base, page: 1 + Math.floor(k / PAGE) });
  }
  writeFileSync(path, `${out.join('\n')}\n`);
  return planted;
}

/** The worker's next log line (a page committed, a batch embedded, a job run). */
function nextLine(p: PaperboyProcess): Promise<unknown> {
  const seen = p.logs.length;
  return p.waitFor((l) => p.logs.indexOf(l) >= seen, 'a log line');
}

async function searchIds(url: string, q: string, mode: string, limit: number): Promise<string[]> {
  const res = await fetch(
    `${url}/api/papers/search?${new URLSearchParams({ q, mode, limit: String(limit) })}`,
  );
  assert.equal(res.status, 200, `${mode} search for ${q}: ${await res.clone().text()}`);
  const body = (await res.json()) as { paper?: { id: string }; id?: string }[];
  return body.map((e) => e.paper?.id ?? e.id ?? '');
}

test('2 web processes find every paper a worker harvests and embeds', {
  skip,
  timeout: 600_000,
}, async (t) => {
  const database = await freshPostgresDatabase();
  cleanups.push(() => database.drop());
  const snapshot = join(work.path, 'snapshot.jsonl');
  const planted = writeSnapshot(snapshot);
  const env = (name: string): Record<string, string> => ({
    DATABASE_URL: database.url,
    PAPERBOY_DB_POOL_SIZE: '4',
    PAPERBOY_DATA_DIR: join(work.path, name),
    PAPERBOY_EMBEDDER: 'static',
    PAPERBOY_MODEL_RETRAIN_DAYS: '0',
    PAPERBOY_BASE_URL: 'http://paperboy.test',
    LOG_LEVEL: 'debug',
  });
  const processes: PaperboyProcess[] = [];
  cleanups.push(() => {
    for (const p of processes) p.kill();
  });
  // The web processes are up (and the schema migrated) before the worker starts harvesting.
  const webs = [await startWeb('web0', env('web0')), await startWeb('web1', env('web1'))];
  processes.push(...webs.map((w) => w.process));
  const worker = await startWorkerProcess('worker', {
    ...env('worker'),
    PAPERBOY_SOURCES: `snapshot:${snapshot}`,
  });
  processes.push(worker);

  // When each page's commit was seen (the worker's log line), for the lag figures.
  const committedAt = new Map<number, number>();
  for (let page = 1; page <= RECORDS / PAGE; page++) {
    void worker
      .waitFor((l) => l.msg === 'page committed' && l.page === page, `page ${page}`)
      .then(
        () => committedAt.set(page, Date.now()),
        () => undefined,
      );
  }

  const lags = { words: [] as number[], meaning: [] as number[] };
  const lagOf = (p: Planted) => Date.now() - (committedAt.get(p.page) ?? Date.now());
  let queries = 0;
  // Both web processes are asked at once, each on its own loop.
  const ask = async (url: string) => {
    // By words: ten planted words per query; each matches exactly one paper.
    const byWord = new Map(planted.map((p) => [p.id, p]));
    while (byWord.size > 0) {
      for (
        let i = 0, rest = [...byWord.values()].filter((p) => committedAt.has(p.page));
        i < rest.length;
        i += 10
      ) {
        const batch = rest.slice(i, i + 10);
        const ids = new Set(
          await searchIds(url, batch.map((p) => p.word).join(' '), 'lexical', 20),
        );
        queries++;
        for (const p of batch) {
          if (!ids.has(p.id)) continue;
          byWord.delete(p.id);
          lags.words.push(lagOf(p));
        }
      }
      if (byWord.size > 0) await nextLine(worker); // the worker did something: ask again
    }
    // By meaning: the shared title finds all ten copies through the vector index alone.
    const byBase = new Map<string, Planted[]>();
    for (const p of planted) byBase.set(p.base, [...(byBase.get(p.base) ?? []), p]);
    while (byBase.size > 0) {
      for (const [base, copies] of byBase) {
        const ids = new Set(await searchIds(url, base, 'vector', 120));
        queries++;
        const missing = copies.filter((p) => !ids.has(p.id));
        if (missing.length === 0) {
          byBase.delete(base);
          for (const p of copies) lags.meaning.push(lagOf(p));
        }
      }
      if (byBase.size > 0) await nextLine(worker);
    }
  };
  await Promise.all(webs.map((w) => ask(w.url)));
  assert.equal(lags.words.length, RECORDS * webs.length);
  assert.equal(lags.meaning.length, RECORDS * webs.length);
  const max = (xs: number[]) => (Math.max(...xs) / 1000).toFixed(1);
  t.diagnostic(
    `${queries} searches; found ${RECORDS} papers on each of 2 web processes; longest time from a page's commit to being found: by words ${max(lags.words)} s, by meaning ${max(lags.meaning)} s (the embedding job runs every 30 s)`,
  );
  for (const w of webs) {
    assert.equal(w.process.logs.filter((l) => l.level === 'error').length, 0, w.process.tail());
  }
  assert.equal(worker.logs.filter((l) => l.level === 'error').length, 0, worker.tail());
});
