/**
 * The search index contract across engines: on the bundled demo corpus (1,416 real papers),
 * SQLite (FTS5) and PostgreSQL (tsvector + core BM25) return the same top 10 with the same
 * scores for words, phrases, exclusions, author, category and date filters — with every match
 * ranked, and with a tiny budget that forces the bounded plans (rarest words; common words
 * among the most recent matches; titles found apart). Ties at equal scores may order apart.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/db/connect.ts';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import {
  openPostgresStore,
  type PostgresStore,
} from '../../src/adapters/db/postgres/postgres-store.ts';
import type { Database } from '../../src/adapters/db/schema.ts';
import { PostgresSearchIndex } from '../../src/adapters/search/postgres-search-index.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';
import { DEMO_CORPUS_PATH } from '../../src/container.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { Paper } from '../../src/core/papers/model.ts';
import type { SearchIndex, TextHit } from '../../src/core/search/ports.ts';
import { parseQuery } from '../../src/core/search/query.ts';
import { toTextQuery } from '../../src/core/search/search-papers.ts';
import { engines, freshPostgresDatabase } from '../engines.ts';
import { buildPaper } from '../factories.ts';

/** Queries of every kind the lexical side takes. */
const QUERIES = [
  'large language models',
  'reinforcement learning from human feedback',
  'diffusion',
  'the of and',
  'agent skills evolution',
  'vision transformer image segmentation benchmark',
  'retrieval augmented generation for question answering',
  '"language model"',
  '"chain of thought" reasoning',
  'reasoning -mathematical',
  'robot manipulation -"reinforcement learning"',
  'multimodal cat:cs.CV',
  'graph neural networks cat:cs.*',
  'speech recognition from:2024-01-01',
  'efficient inference to:2026-12-31',
  'quantization of large models year:2025-2026',
  'Mixture of Experts routing',
  'ﬁnancial données naïve Zürich',
  'protein structure prediction',
  'benchmark evaluation dataset',
  'policy optimization',
  'code generation with llms',
];

const CATEGORIES = ['cs.CV', 'cs.CL', 'stat.ML'];

function demoPapers(): Paper[] {
  return gunzipSync(readFileSync(DEMO_CORPUS_PATH))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) =>
      // The demo papers carry no categories: give them some, so category filters select.
      buildPaper({
        ...(JSON.parse(l) as Partial<Paper>),
        categories: [CATEGORIES[i % 3] as string],
      }),
    );
}

const targets = await engines();
const postgres = targets.find((t) => t.name === 'postgres');

describe('search ranking is the same on SQLite and PostgreSQL', {
  skip: postgres?.skip ?? 'no PostgreSQL',
}, () => {
  let lite: SqliteStore;
  let pg: PostgresStore;
  let drop: () => Promise<void>;
  const indexes: Record<string, [SearchIndex, SearchIndex]> = {};
  let firstAuthor = '';

  before(async () => {
    const papers = demoPapers();
    firstAuthor = papers.find((p) => p.authors.length > 0)?.authors[0] ?? '';
    lite = openSqliteStore(':memory:');
    await migrateToLatest(lite.db);
    const database = await freshPostgresDatabase();
    drop = database.drop;
    pg = await openPostgresStore(database.url);
    const clock = fixedClock('2026-08-22T12:00:00Z');
    for (const db of [lite.db, pg.db] as Kysely<Database>[]) {
      const repo = new KyselyPaperRepo(db, clock);
      for (let i = 0; i < papers.length; i += 200) await repo.upsertMany(papers.slice(i, i + 200));
    }
    indexes.exact = [
      new SqliteSearchIndex(lite.gate, { impacts: false }),
      new PostgresSearchIndex(pg.db),
    ];
    indexes.bounded = [
      new SqliteSearchIndex(lite.gate, { impacts: false, budget: 40 }),
      new PostgresSearchIndex(pg.db, { budget: 40 }),
    ];
  });
  after(async () => {
    await lite?.close();
    await pg?.close();
    await drop?.();
  });

  test('both stores hold every paper with the same token counts', async () => {
    const liteDocs = await sql<{ n: number }>`SELECT count(*) AS n FROM papers_fts`.execute(
      lite.db,
    );
    const pgDocs = await sql<{ n: string; t: string }>`
      SELECT sum(docs) AS n, sum(tokens) AS t FROM search_stats`.execute(pg.db);
    assert.equal(Number(pgDocs.rows[0]?.n), Number(liteDocs.rows[0]?.n));
  });

  for (const plan of ['exact', 'bounded']) {
    test(`the same top 10 with ${plan} plans`, async () => {
      const queries = [...QUERIES, `neural author:"${firstAuthor}"`];
      let answered = 0;
      for (const raw of queries) {
        const parsed = parseQuery(raw);
        const [a, b] = indexes[plan] as [SearchIndex, SearchIndex];
        const [fromLite, fromPg] = await Promise.all([
          a.searchText(toTextQuery(parsed), parsed.filters, 10),
          b.searchText(toTextQuery(parsed), parsed.filters, 10),
        ]);
        sameRanking(raw, fromLite, fromPg);
        if (fromLite.length > 0) answered++;
      }
      assert.ok(
        answered >= queries.length - 3,
        `${answered} of ${queries.length} queries found papers`,
      );
    });
  }
});

/** Same scores rank by rank (1e-9 relative); the same papers except where scores tie. */
function sameRanking(query: string, a: TextHit[], b: TextHit[]): void {
  const show = (hits: TextHit[]) => hits.map((h) => `${h.id} ${h.score.toFixed(6)}`).join('\n');
  const message = `${query}\nSQLite:\n${show(a)}\nPostgreSQL:\n${show(b)}`;
  assert.equal(a.length, b.length, message);
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  a.forEach((h, i) => {
    const other = b[i] as TextHit;
    assert.ok(close(h.score, other.score), message);
    if (h.id !== other.id) {
      const tied = (hits: TextHit[], id: string) =>
        hits.some((x) => x.id === id && close(x.score, h.score));
      assert.ok(
        tied(b, h.id) || tied(a, other.id) || a.filter((x) => close(x.score, h.score)).length > 1,
        message,
      );
    }
  });
}
