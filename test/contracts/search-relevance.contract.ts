/**
 * The search use cases' relevance contract, the same on every engine: honest result counts
 * (nonsense finds nothing; word matches counted exactly, partial matches below the boundary),
 * paging to the last result and past it, author-name queries, spelling suggestions from the
 * store's own words, and similar papers paged with their shared terms. Each engine must give the
 * same answers, so the expectations are literal.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { emptyCommunity, type Paper } from '../../src/core/papers/model.ts';
import { searchPapers } from '../../src/core/search/search-papers.ts';
import { similarPapers, similarToText } from '../../src/core/search/similar-papers.ts';
import { storeEmbedded, type TestContainer } from '../db.ts';
import { buildPaper } from '../factories.ts';
import { HashEmbedder } from '../hash-embedder.ts';
import type { ContractTarget } from './run-contract.ts';

/** Papers that hold "zeolite" (a word no other paper holds): more than two pages of ten. */
const ZEOLITES = 23;

function corpus(): Paper[] {
  const papers = [
    buildPaper({
      id: '2609.00001',
      title: 'Efficiently identifying task groupings with inter-task affinity',
      abstract:
        'Task affinity grouping decides which tasks to train together in multi-task learning.',
      authors: ['Chris Fifty', 'Ehsan Amid'],
      community: { ...emptyCommunity(), upvotes: 3 },
    }),
    buildPaper({
      id: '2609.00002',
      title: 'DrugGen 2: binding affinity, binding affinity everywhere',
      abstract: 'Binding affinity prediction for drug design; affinity of ligands and maps.',
      authors: ['Ana Drug'],
      community: { ...emptyCommunity(), upvotes: 500 },
    }),
    buildPaper({
      id: '2609.00003',
      title: 'Self-correcting language models',
      abstract: 'Language models that revise their own answers, with a study of decoding.',
      authors: ['Chengsong Huang', 'Jiaxin Huang'],
    }),
    buildPaper({
      id: '2609.00004',
      title: 'Curriculum reasoning for small language models',
      abstract: 'A curriculum of reasoning problems improves small language models.',
      authors: ['Chengsong Huang'],
    }),
    buildPaper({
      id: '2609.00005',
      title: 'Huang and Chen: a survey of chengsong-style river engineering',
      abstract: 'Hydraulic engineering of rivers.',
      authors: ['Wei Chen'],
    }),
  ];
  for (let i = 0; i < ZEOLITES; i++) {
    papers.push(
      buildPaper({
        id: `2609.1${String(i).padStart(4, '0')}`,
        title: `Zeolite catalysis study ${i}`,
        abstract: `Porous zeolite frameworks for catalysis, sample ${i}.`,
        authors: [`Chem Author${i}`],
        submittedAt: `2026-0${1 + (i % 9)}-1${i % 10}T00:00:00Z`,
      }),
    );
  }
  // Similar papers: a source about perovskites that mentions a tardigrade once; one paper says
  // "tardigrade" over and over, another is about perovskites but says the word once.
  papers.push(
    buildPaper({
      id: '2609.30001',
      title: 'Perovskite solar films',
      abstract:
        'Perovskite perovskite perovskite films: perovskite solar cells, perovskite layers, and one tardigrade.',
      authors: ['Pia Solar'],
    }),
    buildPaper({
      id: '2609.30002',
      title: 'Tardigrade tardigrade survival',
      abstract: 'Tardigrade tardigrade tardigrade tardigrade.',
      authors: ['Tom Moss'],
    }),
    buildPaper({
      id: '2609.30003',
      title: 'Perovskite oxides in ceramics',
      abstract: 'Oxides and ceramics for capacitors and sensors.',
      authors: ['Olga Oxide'],
    }),
    buildPaper({
      id: '2609.30004',
      title: 'Solar cells from thin films',
      abstract: 'Thin films and layers for solar cells.',
      authors: ['Sol Films'],
    }),
  );
  // Other topics, so that "zeolite" is in fewer than half the papers (BM25 gives it weight).
  for (let i = 0; i < 2 * ZEOLITES; i++) {
    papers.push(
      buildPaper({
        id: `2609.2${String(i).padStart(4, '0')}`,
        title: `Birdsong recordings, season ${i}`,
        abstract: `Field recordings of songbirds in spring, site ${i}.`,
        authors: [`Bird Author${i}`],
      }),
    );
  }
  return papers;
}

export function searchRelevanceContract(
  target: ContractTarget,
  /** Build the impact-ordered keyword index first (upkeep): plain queries are answered by it. */
  options: { impactIndex?: boolean } = {},
): void {
  let c: TestContainer;
  const embedder = new HashEmbedder();
  const search = () => c.search;

  before(async () => {
    c = await target.make({ embedder, env: { PAPERBOY_MEANING_THRESHOLD: '0.45' } });
    const papers = corpus();
    await storeEmbedded(c, papers, embedder);
    if (options.impactIndex) await c.upkeep.optimize();
  });
  after(() => c.dispose());

  test('nonsense finds nothing in every mode, with zero counts', async () => {
    for (const mode of ['lexical', 'hybrid', 'vector'] as const) {
      const r = await searchPapers(search(), { query: 'xqzvbnm plorkt', mode, limit: 20 });
      assert.deepEqual(r.hits, [], mode);
      assert.equal(r.total, 0, mode);
      assert.equal(r.counts.words.count, 0);
      assert.equal(r.counts.meaning.count, 0);
    }
  });

  test('a paper with every rare word matches; one sharing a single word is below the boundary', async () => {
    const r = await searchPapers(search(), {
      query: 'task affinity grouping',
      mode: 'lexical',
      limit: 20,
    });
    assert.deepEqual(
      r.hits.map((h) => [h.paper.id, h.tier]),
      [
        ['2609.00001', 'words'],
        ['2609.00002', 'meaning'],
      ],
    );
    assert.deepEqual(r.counts.words, { count: 1, atLeast: false });
    assert.equal(r.boundary, 1);
  });

  test('counts are exact and pages run to the last result and no further', async () => {
    for (const mode of ['lexical', 'hybrid'] as const) {
      const seen: string[] = [];
      let total = -1;
      for (let offset = 0; offset < 40; offset += 10) {
        const r = await searchPapers(search(), { query: 'zeolite', mode, limit: 10, offset });
        assert.equal(r.counts.words.count, ZEOLITES, mode);
        assert.equal(r.counts.words.atLeast, false);
        if (total >= 0) assert.equal(r.total, total, `${mode}: the same total on every page`);
        total = r.total;
        const expected = Math.max(0, Math.min(10, total - offset));
        assert.equal(r.hits.length, expected, `${mode} offset ${offset}`);
        for (const h of r.hits) {
          assert.equal(h.tier, seen.length < r.boundary ? 'words' : 'meaning');
          seen.push(h.paper.id);
        }
      }
      assert.equal(new Set(seen).size, seen.length, `${mode}: no paper on two pages`);
      assert.equal(seen.length, total);
      assert.equal(
        seen.filter((id) => id.startsWith('2609.1')).length,
        ZEOLITES,
        `${mode}: every word match listed`,
      );
    }
  });

  test('sorting by upvotes sorts the word matches only', async () => {
    const r = await searchPapers(search(), {
      query: 'affinity grouping',
      sort: 'upvotes',
      mode: 'lexical',
      limit: 20,
    });
    assert.equal(r.hits[0]?.paper.id, '2609.00001', 'the 500-upvote paper lacks "grouping"');
  });

  test('an author’s name puts their papers first', async () => {
    const r = await searchPapers(search(), { query: 'Chengsong Huang', limit: 20 });
    assert.equal(r.author?.name, 'Chengsong Huang');
    assert.equal(r.author?.total, 2);
    assert.deepEqual(
      r.hits
        .slice(0, 2)
        .map((h) => h.paper.id)
        .sort(),
      ['2609.00003', '2609.00004'],
    );
  });

  test('a misspelt word gets a suggestion from the store’s own words', async () => {
    const r = await searchPapers(search(), { query: 'zeolitte', limit: 20 });
    assert.deepEqual(r.hits, []);
    assert.deepEqual(r.suggestions, [{ word: 'zeolitte', suggestion: 'zeolite' }]);
  });

  test('similar papers page through the same total, share terms, and never list the source', async () => {
    const source = '2609.10000';
    const pages = await Promise.all(
      [0, 5, 10, 15, 20, 25].map((offset) => similarPapers(search(), source, { limit: 5, offset })),
    );
    const total = pages[0]?.total ?? 0;
    assert.ok(total >= ZEOLITES - 1, `total ${total}`);
    const ids = pages.flatMap((p) => p.hits.map((h) => h.paper.id));
    for (const p of pages) assert.equal(p.total, total);
    assert.equal(new Set(ids).size, ids.length, 'no paper on two pages');
    assert.equal(ids.length, Math.min(total, 30));
    assert.ok(!ids.includes(source));
    const first = pages[0]?.hits[0];
    assert.ok(first?.paper.id.startsWith('2609.1'), 'another zeolite paper first');
    assert.ok(first?.sharedTerms.includes('zeolite'));
    assert.equal(typeof first?.meaning, 'number');
  });

  test('similar papers weigh the source’s words by how much it uses them, not one repeated word', async () => {
    const ids = async (tuning?: Parameters<typeof similarPapers>[2]['tuning']) =>
      (await similarPapers(search(), '2609.30001', { limit: 5, tuning })).hits.map(
        (h) => h.paper.id,
      );
    const rank = (list: string[], id: string) => list.indexOf(id) + 1 || Number.POSITIVE_INFINITY;
    // The whole-text side (similar-rank.ts) puts the perovskite paper above the tardigrade one,
    // with meaning (as shipped) and without it …
    for (const tuning of [undefined, { vectorWeight: 0 }]) {
      const got = await ids(tuning);
      assert.ok(rank(got, '2609.30003') < rank(got, '2609.30002'), got.join(' '));
    }
    // … where the key terms' BM25 query alone (each term once) prefers the repeated word.
    const keyTerms = await ids({ vectorWeight: 0, textWeight: 0 });
    assert.ok(rank(keyTerms, '2609.30002') < rank(keyTerms, '2609.30003'), keyTerms.join(' '));
  });

  test('the text side reads only the best candidates by keywords and meaning', async () => {
    const deps = search();
    const reads: number[] = [];
    const papers = new Proxy(deps.papers, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key === 'getMany')
          return (ids: string[]) => {
            reads.push(ids.length);
            return value.call(target, ids);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const run = (textCandidates: number) =>
      similarPapers({ ...deps, papers }, '2609.10000', { limit: 5, tuning: { textCandidates } });
    reads.length = 0;
    const all = await run(0);
    const readAll = Math.max(...reads);
    reads.length = 0;
    const three = await run(3);
    assert.ok(readAll > 3, `all candidates read: ${readAll}`);
    assert.equal(reads[0], 3, 'the text side read three papers');
    assert.ok(Math.max(...reads) <= 5, `then at most the page: ${reads.join(' ')}`);
    assert.equal(three.total, all.total);
    assert.equal(three.hits.length, 5);
  });

  test('term statistics answer for thousands of words at once (similar papers ask about every candidate’s words)', async () => {
    const words = Array.from({ length: 2500 }, (_, i) => `word${i}`);
    const stats = await search().index.termStats([...words, 'zeolite']);
    assert.equal(stats.words.size, words.length + 1);
    assert.equal(stats.words.get('zeolite')?.df, ZEOLITES);
    assert.equal(stats.words.get('word7')?.df, 0);
  });

  test('a long pasted text is read whole, not its first words', async () => {
    const filler = 'general remarks about methods and results '.repeat(60);
    const r = await similarToText(search(), `${filler} zeolite catalysis`, { limit: 5 });
    assert.ok(
      r.keyTerms.some((t) => t.word === 'zeolite'),
      'a word past the first 32 counts',
    );
    assert.ok(r.hits[0]?.paper.id.startsWith('2609.1'));
  });
}
