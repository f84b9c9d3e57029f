/**
 * PostgreSQL's impact index against a build that goes live between a search reading the live
 * generation and reading its segments (the old ones are deleted right after): the search says
 * so instead of answering from nothing. Skips without a PostgreSQL server (test/engines.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engines, freshPostgresDatabase } from '../../../test/engines.ts';
import { buildPaper } from '../../../test/factories.ts';
import { fixedClock } from '../../core/clock.ts';
import { KyselyPaperRepo } from '../db/kysely-paper-repo.ts';
import { openPostgresStore } from '../db/postgres/postgres-store.ts';
import { PostgresImpactIndex } from './postgres-impact-index.ts';

const postgres = (await engines()).find((e) => e.name === 'postgres');

test('a search of a generation replaced meanwhile returns null, not an empty answer', {
  skip: postgres?.skip ?? 'no PostgreSQL',
}, async () => {
  const database = await freshPostgresDatabase();
  const store = await openPostgresStore(database.url);
  try {
    await new KyselyPaperRepo(store.db, fixedClock('2026-08-22T12:00:00Z')).upsertMany(
      Array.from({ length: 12 }, (_, i) =>
        buildPaper({
          id: `2613.${String(i).padStart(5, '0')}`,
          title: i % 3 === 0 ? `Okapi stripes ${i}` : `River survey ${i}`,
        }),
      ),
    );
    const index = new PostgresImpactIndex(store.db);
    await index.build();
    const before = await index.state();
    assert.ok(before);
    const found = await index.search(before, ['okapi'], 10, new Set());
    assert.equal(found?.hits.length, 4);
    await index.build();
    assert.equal(await index.search(before, ['okapi'], 10, new Set()), null);
    const now = await index.state();
    assert.equal((await index.search(now ?? before, ['okapi'], 10, new Set()))?.hits.length, 4);
  } finally {
    await store.close();
    await database.drop();
  }
});
