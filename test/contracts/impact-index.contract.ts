/**
 * The impact-ordered keyword index's contract (SqliteImpactIndex beside FTS5, PostgresImpactIndex
 * beside GIN; both scored by core's impact-scoring.ts), the same on every engine: a build covers
 * the store; its top k is exact BM25's top k within its quantisation, and so are its match counts;
 * papers written after a build are found (or no longer found) through the stale path and after the
 * next build; searches answered while a build runs stay the same.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Store } from '../../src/adapters/db/connect.ts';
import { PostgresSearchIndex } from '../../src/adapters/search/postgres-search-index.ts';
import { SqliteSearchIndex } from '../../src/adapters/search/sqlite-search-index.ts';
import { LEVELS } from '../../src/core/search/impact-postings.ts';
import type { SearchIndex, TextMatches, TextQuery } from '../../src/core/search/ports.ts';
import { noFilters, plainQuery } from '../../src/core/search/query.ts';
import type { TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import type { ContractTarget } from './run-contract.ts';

/** What both engines' search indexes offer around their impact index. */
type ImpactSearch = SearchIndex & {
  buildImpacts(): Promise<{ docs: number } | null>;
  impactStatus(): Promise<{ docs: number; behind: number; stale: number } | null>;
};

interface IndexOptions {
  impacts?: boolean;
  postings?: number;
}

function searchIndexOn(store: Store, options: IndexOptions = {}): ImpactSearch {
  return store.engine === 'sqlite'
    ? new SqliteSearchIndex(store.gate, options)
    : new PostgresSearchIndex(store.db, options);
}

const TOPICS = ['graph', 'protein', 'language', 'vision', 'robot', 'speech', 'quantum', 'market'];
const METHODS = ['networks', 'transformers', 'diffusion', 'kernels', 'bandits', 'trees'];
const PAPERS = 120;

/** A fixed corpus: no word but "study", "apply" and "data" is in half the papers or more. */
function paper(i: number) {
  const t = TOPICS[i % TOPICS.length] as string;
  const m = METHODS[(i * 7) % METHODS.length] as string;
  const u = TOPICS[(i * 3 + 1) % TOPICS.length] as string;
  return buildPaper({
    id: `2605.${String(i).padStart(5, '0')}`,
    title: `${t} ${m} study ${i}`,
    abstract: `We apply ${m} to ${t} data${i % 3 === 0 ? ` and ${u} tasks` : ''}. ${i % 4 === 3 ? 'Gains hold. ' : ''}`,
  });
}

/** Plain queries (words in no title's order, so no whole-title placement), and a weighted one. */
const QUERIES: TextQuery[] = [
  ...[
    'diffusion protein',
    'kernels graph gains',
    'market bandits speech',
    'robot',
    'tasks vision',
  ].map((q) => ({ words: plainQuery(q).words, phrases: [], excluded: [] })),
  {
    words: ['trees', 'quantum', 'tasks'],
    phrases: [],
    excluded: [],
    weights: new Map([['trees', 3]]),
  },
];

const text = (q: string): TextQuery => ({ words: plainQuery(q).words, phrases: [], excluded: [] });
const ids = async (index: SearchIndex, q: string) =>
  (await index.searchText(text(q), noFilters(), 10)).map((h) => h.id);
const counts = (m: TextMatches) => [...m.tally.counts].sort((a, b) => a[0] - b[0]);

/** The impact index's top 10 against every match ranked by exact BM25: equal up to quantisation. */
async function assertTopTen(impact: ImpactSearch, exact: ImpactSearch, q: TextQuery) {
  const label = q.words.join(' ');
  const want = await exact.searchText(q, noFilters(), PAPERS);
  const got = await impact.searchText(q, noFilters(), 10);
  const wantScore = new Map(want.map((h) => [h.id, h.score]));
  // Every term's score is rounded to 1/255 of that term's best: bounded by the best overall.
  const weight = q.words.reduce((n, w) => n + (q.weights?.get(w) ?? 1), 0);
  const tolerance = (weight * ((want[0]?.score ?? 0) / LEVELS)) / 2 + 1e-6;
  assert.equal(got.length, Math.min(10, want.length), label);
  got.forEach((h, i) => {
    const score = wantScore.get(h.id);
    assert.ok(score !== undefined, `${label}: ${h.id} matches`);
    // Ties (within the quantisation) may order apart; nothing better may be missed.
    const rank = (want[i] as { score: number }).score;
    assert.ok(Math.abs(score - rank) <= 2 * tolerance, `${label}: #${i + 1} ${h.id}`);
  });
}

export function impactIndexContract({ make }: ContractTarget): void {
  let c: TestContainer;
  let store: Store;
  let impact: ImpactSearch;
  let exact: ImpactSearch;

  before(async () => {
    c = await make();
    await c.papers.upsertMany(Array.from({ length: PAPERS }, (_, i) => paper(i)));
    store = await c.openStore();
    impact = searchIndexOn(store);
    exact = searchIndexOn(store, { impacts: false });
  });
  after(async () => {
    await c.dispose();
  });

  test('a build covers the store; its top 10 and its counts are exact BM25s', async () => {
    assert.equal(await impact.impactStatus(), null);
    assert.equal((await impact.buildImpacts())?.docs, PAPERS);
    assert.deepEqual(await impact.impactStatus(), { docs: PAPERS, behind: 0, stale: 0 });
    for (const q of QUERIES) {
      await assertTopTen(impact, exact, q);
      const got = await impact.matchText(q, noFilters(), 10);
      const want = await exact.matchText(q, noFilters(), 10);
      assert.equal(got.tally.complete, true, q.words.join(' '));
      assert.deepEqual(counts(got), counts(want), q.words.join(' '));
      // Each hit's bits are the key terms it holds, as the exact path says.
      const bits = new Map(want.hits.map((h) => [h.id, h.matched]));
      for (const h of got.hits) assert.equal(h.matched, bits.get(h.id) ?? h.matched, h.id);
    }
  });

  test('a word in half the papers or more leaves the counts a lower bound', async () => {
    await impact.buildImpacts();
    const q = text('study robot');
    const got = await impact.matchText(q, noFilters(), 10);
    assert.equal(got.tally.complete, false);
    assert.equal((await impact.searchText(q, noFilters(), 1))[0]?.id !== undefined, true);
  });

  test('a tiny postings budget stops the walk: counts are a lower bound, the rare word decides', async () => {
    await c.papers.upsertMany([
      buildPaper({
        id: '2606.00001',
        title: 'Pangolin scales',
        abstract: 'We apply networks to pangolin data.',
      }),
    ]);
    const tiny = searchIndexOn(store, { postings: 1 });
    await tiny.buildImpacts();
    const q = text('networks data pangolin');
    const got = await tiny.matchText(q, noFilters(), 10);
    assert.equal(got.hits[0]?.id, '2606.00001');
    assert.equal(got.tally.complete, false);
  });

  test('new, changed and deleted papers: found or gone through the stale path and after a build', async () => {
    await impact.buildImpacts();
    const status = await impact.impactStatus();
    const covered = status?.docs as number;
    await c.papers.upsertMany([
      buildPaper({
        id: '2606.00002',
        title: 'Zebrafish protein diffusion',
        abstract: 'Protein diffusion in zebrafish embryos.',
      }),
      buildPaper({ id: '2606.00003', title: 'Okapi stripes', abstract: 'Okapi coat patterns.' }),
    ]);
    assert.deepEqual(await impact.impactStatus(), { docs: covered, behind: 2, stale: 0 });
    assert.deepEqual(await ids(impact, 'zebrafish'), ['2606.00002']);
    assert.equal((await ids(impact, 'protein diffusion zebrafish'))[0], '2606.00002');
    for (const q of ['protein zebrafish', 'okapi diffusion']) {
      const [got, want] = [
        await impact.matchText(text(q), noFilters(), 10),
        await exact.matchText(text(q), noFilters(), 10),
      ];
      assert.deepEqual(counts(got), counts(want), q);
    }
    await impact.buildImpacts();
    assert.deepEqual(await impact.impactStatus(), { docs: covered + 2, behind: 0, stale: 0 });
    // Changed after the build: found by its new words only, counted by them.
    await c.papers.upsertMany([
      buildPaper({ id: '2606.00002', title: 'Narwhal tusks', abstract: 'Narwhal tusk sensing.' }),
    ]);
    assert.equal((await impact.impactStatus())?.stale, 1);
    assert.deepEqual(await ids(impact, 'zebrafish'), []);
    assert.deepEqual(await ids(impact, 'narwhal'), ['2606.00002']);
    for (const q of ['narwhal protein', 'zebrafish diffusion']) {
      const [got, want] = [
        await impact.matchText(text(q), noFilters(), 10),
        await exact.matchText(text(q), noFilters(), 10),
      ];
      assert.deepEqual(counts(got), counts(want), q);
    }
    // Deleted after the build: gone from the hits at once.
    await store.db.deleteFrom('papers').where('id', '=', '2606.00003').execute();
    assert.deepEqual(await ids(impact, 'okapi'), []);
    await impact.buildImpacts();
    assert.deepEqual(await impact.impactStatus(), { docs: covered + 1, behind: 0, stale: 0 });
    assert.deepEqual(await ids(impact, 'narwhal tusks'), ['2606.00002']);
    assert.deepEqual(await ids(impact, 'zebrafish'), []);
    assert.deepEqual(await ids(impact, 'okapi'), []);
  });

  test('searches answered while a rebuild runs are the same as before it', async () => {
    await impact.buildImpacts();
    const before = await Promise.all(QUERIES.map((q) => impact.searchText(q, noFilters(), 10)));
    let done = false;
    const build = impact.buildImpacts().finally(() => {
      done = true;
    });
    let rounds = 0;
    do {
      const during = await Promise.all(QUERIES.map((q) => impact.searchText(q, noFilters(), 10)));
      assert.deepEqual(during, before);
      rounds++;
      // Searches arrive as events (requests): a loop of promises alone would starve the build,
      // which yields to the event loop between batches.
      await new Promise((resolve) => setImmediate(resolve));
    } while (!done);
    await build;
    assert.ok(rounds >= 1);
    assert.deepEqual(
      await Promise.all(QUERIES.map((q) => impact.searchText(q, noFilters(), 10))),
      before,
    );
  });
}
