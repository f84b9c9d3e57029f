/**
 * Builds the impact-ordered keyword index of a store in its own process (bench/search/run.ts
 * calls it, so the measured process holds only what a server holds). Prints the build's figures
 * as JSON on the last line.
 */
import { openSqliteStore } from '../../src/adapters/db/connect.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';

const store = openSqliteStore(process.argv[2] as string);
try {
  const built = await new SqliteSearchIndex(store.gate).buildImpacts();
  await store.gate.run((db) => db.pragma('wal_checkpoint(TRUNCATE)'));
  console.log(JSON.stringify(built));
} finally {
  await store.close();
}
