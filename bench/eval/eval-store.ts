/**
 * A fresh, migrated store in a temp folder holding every document of an evaluation set as a
 * paper (what `npm run eval` and the model lab search); `close` deletes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/db/connect.ts';
import { KyselyPaperRepo } from '../../src/adapters/db/kysely-paper-repo.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { Paper } from '../../src/core/papers/model.ts';
import { type EvalSet, evalDocToPaper } from './datasets.ts';

export interface EvalStore {
  store: SqliteStore;
  repo: KyselyPaperRepo;
  papers: Paper[];
  close(): Promise<void>;
}

export async function openEvalStore(set: EvalSet, prefix: string): Promise<EvalStore> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-${set.name}-`));
  const store = openSqliteStore(join(dir, 'eval.db'));
  const close = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const migrated = await migrateToLatest(store.db);
    if (migrated.error) throw migrated.error;
    const repo = new KyselyPaperRepo(store.db, systemClock);
    const papers = set.docs.map(evalDocToPaper);
    for (let i = 0; i < papers.length; i += 1000) await repo.upsertMany(papers.slice(i, i + 1000));
    return { store, repo, papers, close };
  } catch (error) {
    await close();
    throw error;
  }
}
