/**
 * Child process of the impact-index kill test: builds the keyword index of the store at argv[2]
 * and SIGKILLs itself when the build reports progress for the argv[3]-th time (a batch of
 * segments has been written by then): a crash at a known point, without timing.
 */
import { openSqliteStore } from '../src/adapters/db/connect.ts';
import { SqliteSearchIndex } from '../src/adapters/search/sqlite-search-index.ts';

const store = openSqliteStore(process.argv[2] as string);
const killAt = Number(process.argv[3]);
let reports = 0;
await new SqliteSearchIndex(store.gate).buildImpacts({
  advance() {
    reports++;
    if (reports === killAt) process.kill(process.pid, 'SIGKILL');
  },
  done() {},
});
await store.close();
