import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { parseQuery } from '../../core/search/query.ts';
import { searchPapers } from '../../core/search/search-papers.ts';

let c: TestContainer;

const ids = async (q: string, extra = {}) =>
  (await searchPapers(c.search, { query: q, limit: 20, ...extra })).hits.map((h) => h.paper.id);

before(async () => {
  c = await createTestContainer();
  await c.papers.upsertMany([
    buildPaper({
      id: '2601.00001',
      title: 'Attention Is All You Need',
      abstract:
        'We propose the Transformer, a network architecture based solely on attention mechanisms.',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      categories: ['cs.CL', 'cs.LG'],
      submittedAt: '2017-06-12T00:00:00Z',
    }),
    buildPaper({
      id: '2601.00002',
      title: 'Graph attention networks',
      abstract:
        'We present graph attention networks operating on graph-structured data with masked self-attention.',
      authors: ['Petar Velickovic'],
      categories: ['stat.ML'],
      submittedAt: '2018-02-01T00:00:00Z',
    }),
    buildPaper({
      id: '2601.00003',
      title: 'A survey of attention in neural networks',
      abstract: 'This survey reviews attention mechanisms across neural network architectures.',
      authors: ['Grace Hopper'],
      categories: ['cs.LG'],
      submittedAt: '2025-03-01T00:00:00Z',
    }),
    buildPaper({
      id: '2601.00004',
      title: 'Protein folding with deep learning',
      abstract:
        'Predicting protein structures from amino acid sequences using deep neural networks.',
      authors: ['Ada Lovelace'],
      categories: ['q-bio.BM'],
      submittedAt: '2021-07-15T00:00:00Z',
    }),
  ]);
});
after(() => c.dispose());

test('an exact title ranks its paper first', async () => {
  assert.equal((await ids('Attention Is All You Need'))[0], '2601.00001');
  assert.equal((await ids('graph attention networks'))[0], '2601.00002');
  assert.equal((await ids('protein folding deep learning'))[0], '2601.00004');
});

test('porter stemming matches other word forms', async () => {
  assert.ok((await ids('predict structure')).includes('2601.00004'));
  assert.ok((await ids('surveys')).includes('2601.00003'));
});

test('phrases, exclusions, authors, categories and dates filter', async () => {
  assert.deepEqual(await ids('"graph attention"'), ['2601.00002']);
  assert.ok(!(await ids('attention -survey')).includes('2601.00003'));
  assert.ok(!(await ids('attention -"neural network"')).includes('2601.00003'));
  assert.deepEqual(await ids('attention author:vaswani'), ['2601.00001']);
  assert.deepEqual(await ids('attention author:"noam shazeer"'), ['2601.00001']);
  assert.deepEqual((await ids('attention cat:cs.LG')).sort(), ['2601.00001', '2601.00003']);
  assert.deepEqual(await ids('attention cat:stat.*'), ['2601.00002']);
  assert.deepEqual(await ids('attention year:2025'), ['2601.00003']);
  assert.deepEqual(await ids('attention from:2018-01-01 to:2018-12-31'), ['2601.00002']);
  assert.deepEqual(await ids('cat:q-bio.*'), ['2601.00004']);
  assert.deepEqual(await ids('attention', { filters: { categories: ['cs.CL'] } }), ['2601.00001']);
});

test('sorts by newest and by upvotes', async () => {
  assert.deepEqual(await ids('attention', { sort: 'newest' }), [
    '2601.00003',
    '2601.00002',
    '2601.00001',
  ]);
});

test('FTS5 syntax in queries is plain text, never an error', async () => {
  for (const q of [
    'attention AND',
    'NEAR(attention',
    'attention*',
    '^attention',
    '(attention OR',
    'a:b"',
  ]) {
    try {
      await ids(q);
    } catch (error) {
      assert.match(String(error), /invalid_query|Invalid query/, q);
    }
  }
  assert.ok((await ids('attention OR')).length > 0);
});

test('highlights and facets', async () => {
  const r = await searchPapers(c.search, { query: 'graph attention', limit: 10 });
  const top = r.hits[0];
  assert.ok(top?.highlight?.title.includes('\u0002'), 'title is highlighted');
  assert.deepEqual(top?.highlight?.fields.includes('title'), true);
  assert.ok(r.facets.categories.some((f) => f.value === 'stat.ML'));
  assert.ok(r.facets.years.some((f) => f.value === '2018'));
});

test('the index follows inserts, updates and deletes in the same transaction', async () => {
  const paper = buildPaper({
    id: '2601.00009',
    title: 'Quokka behaviour',
    abstract: 'Quokkas smile.',
  });
  await c.papers.upsertMany([paper]);
  assert.deepEqual(await ids('quokka'), ['2601.00009']);
  await c.papers.upsertMany([
    { ...paper, version: 2, title: 'Wombat behaviour', abstract: 'Wombats dig.' },
  ]);
  assert.deepEqual(await ids('quokka'), []);
  assert.deepEqual(await ids('wombat'), ['2601.00009']);
  const { sql } = await import('kysely');
  await sql`delete from papers where id = '2601.00009'`.execute(
    (c as unknown as { search: { papers: { db: import('kysely').Kysely<unknown> } } }).search.papers
      .db,
  );
  assert.deepEqual(await ids('wombat'), []);
  const integrity = parseQuery('wombat');
  assert.equal(integrity.words[0], 'wombat');
});
