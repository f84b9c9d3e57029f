/**
 * Meaning-only search leans on its best keyword hits (core/search/meaning-feedback.ts), the same
 * on every engine: a paper that shares no word with a short query but is close to the papers
 * that hold it comes before unrelated papers; with feedback off it ties with them at cosine 0.
 * The threshold is 0 here so every paper is "close" and the order alone is under test.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Paper } from '../../src/core/papers/model.ts';
import { searchPapers } from '../../src/core/search/search-papers.ts';
import { storeEmbedded, type TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import { HashEmbedder } from '../hash-embedder.ts';
import type { ContractTarget } from './run-contract.ts';

/** Holds "zeolite"; the paper to find (no "zeolite", same other words) sorts last by id. */
const HIT = '2609.00001';
const NEIGHBOUR = '2609.99999';

function corpus(): Paper[] {
  const papers = [
    buildPaper({
      id: HIT,
      title: 'Zeolite',
      abstract: 'Porous catalysis frameworks for cracking hydrocarbons.',
    }),
    buildPaper({
      id: NEIGHBOUR,
      title: 'Frameworks',
      abstract: 'Porous catalysis frameworks for cracking hydrocarbons at low temperature.',
    }),
  ];
  for (let i = 0; i < 6; i++) {
    papers.push(
      buildPaper({
        id: `2609.2000${i}`,
        title: `Birdsong ${i}`,
        abstract: `Field recordings of songbirds in spring, site ${i}.`,
      }),
    );
  }
  return papers;
}

export function meaningFeedbackContract(target: ContractTarget): void {
  let c: TestContainer;
  const embedder = new HashEmbedder();

  before(async () => {
    c = await target.make({ embedder, env: { PAPERBOY_MEANING_THRESHOLD: '0' } });
    const papers = corpus();
    await storeEmbedded(c, papers, embedder);
  });
  after(() => c.dispose());

  const ids = async (feedback?: { docs: number; weight: number }) => {
    const r = await searchPapers(
      { ...c.search, ...(feedback ? { feedback } : {}) },
      { query: 'zeolite', mode: 'vector', limit: 20 },
    );
    return r.hits.map((h) => h.paper.id);
  };

  test('meaning-only: the keyword hit’s neighbour comes before unrelated papers', async () => {
    const shipped = await ids();
    assert.equal(shipped[0], HIT);
    assert.equal(shipped[1], NEIGHBOUR);
    const off = await ids({ docs: 0, weight: 0 });
    assert.equal(off[0], HIT);
    assert.equal(off.at(-1), NEIGHBOUR, 'without feedback it ties at 0 and sorts last by id');
    assert.deepEqual([...shipped].sort(), [...off].sort(), 'the same papers, another order');
  });

  test('hybrid is unchanged by default (feedback is for meaning-only searches)', async () => {
    const hybrid = async (feedback?: { docs: number; weight: number }) =>
      (
        await searchPapers(
          { ...c.search, ...(feedback ? { feedback } : {}) },
          { query: 'zeolite', mode: 'hybrid', limit: 20 },
        )
      ).hits.map((h) => h.paper.id);
    assert.deepEqual(await hybrid(), await hybrid({ docs: 0, weight: 0 }));
  });
}
