import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, storeEmbedded, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { HashEmbedder } from '../../../test/hash-embedder.ts';
import type { SearchIndex, VectorIndex } from './ports.ts';
import { plainQuery } from './query.ts';
import type { SearchMode } from './search-candidates.ts';
import { type SearchDeps, searchPapers } from './search-papers.ts';

// When the vector side reads the store, over real SQLite and usearch: a hybrid search asks for
// the query's nearest neighbours while the keyword side is still out (on PostgreSQL they run on
// two connections at once); a meaning-only search, whose feedback needs the keyword hits, waits.
let c: TestContainer;

before(async () => {
  const embedder = new HashEmbedder();
  c = await createTestContainer({ embedder });
  const papers = [
    buildPaper({ id: '2612.00001', title: 'Graph attention networks', abstract: 'Attention.' }),
    buildPaper({ id: '2612.00002', title: 'Diffusion models for images', abstract: 'Noise.' }),
    buildPaper({ id: '2612.00003', title: 'Attention in vision', abstract: 'Patches.' }),
  ];
  await storeEmbedded(c, papers, embedder);
});
after(() => c.dispose());

/** Searches with the keyword side held open until every pending callback has run; the order seen. */
async function order(mode: SearchMode): Promise<{ events: string[]; ids: string[] }> {
  const events: string[] = [];
  const index = c.search.index;
  const vectors = c.search.vectors as VectorIndex;
  const deps: SearchDeps = {
    ...c.search,
    index: Object.assign(Object.create(index) as SearchIndex, {
      matchText: async (...args: Parameters<SearchIndex['matchText']>) => {
        const found = await index.matchText(...args);
        // Microtasks and I/O callbacks queued so far run before this resolves.
        await new Promise((resolve) => setImmediate(resolve));
        events.push('keyword done');
        return found;
      },
    }),
    vectors: Object.assign(Object.create(vectors) as VectorIndex, {
      search: (...args: Parameters<VectorIndex['search']>) => {
        events.push('neighbours asked');
        return vectors.search(...args);
      },
    }),
  };
  const r = await searchPapers(deps, { query: plainQuery('attention networks'), mode, limit: 5 });
  const plain = await searchPapers(c.search, {
    query: plainQuery('attention networks'),
    mode,
    limit: 5,
  });
  assert.deepEqual(
    r.hits.map((h) => [h.paper.id, h.score]),
    plain.hits.map((h) => [h.paper.id, h.score]),
  );
  return { events, ids: r.hits.map((h) => h.paper.id) };
}

test('hybrid asks for the nearest neighbours before the keyword side is done', async () => {
  const { events, ids } = await order('hybrid');
  assert.deepEqual(events, ['neighbours asked', 'keyword done']);
  assert.equal(ids[0], '2612.00001');
});

test('meaning-only search (feedback from the keyword hits) asks for neighbours after them', async () => {
  const { events } = await order('vector');
  assert.deepEqual(events, ['keyword done', 'neighbours asked']);
});
