/**
 * PostgreSQL's impact index against builds that go live between searches (the old segments are
 * deleted right after): a search reads the live generation and its segments in one statement,
 * so it always answers from the generation it names, and answers nothing from one its caller
 * does not accept. Skips without a PostgreSQL server (test/engines.ts).
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

test('a search answers from the live generation it read, and only when the caller accepts it', {
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
    const any = () => true;
    assert.equal(await index.search(['okapi'], 10, any), null); // none built yet
    await index.build();
    const before = await index.search(['okapi'], 10, any);
    assert.equal(before?.found?.hits.length, 4);
    await index.build();
    const after = await index.search(['okapi'], 10, any);
    assert.equal(after?.state.generation, (before?.state.generation ?? 0) + 1);
    assert.equal(after?.found?.hits.length, 4);
    assert.deepEqual(after?.state, await index.state());
    const refused = await index.search(['okapi'], 10, () => false);
    assert.equal(refused?.found, null);
    assert.equal(refused?.state.generation, after?.state.generation);
  } finally {
    await store.close();
    await database.drop();
  }
});
