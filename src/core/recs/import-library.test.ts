/**
 * Library imports on a real store with the real citation codec: BibTeX, RIS, CSL-JSON and pasted
 * ids match by arXiv id, DOI and exact title; unknown arXiv ids are fetched (the remote arXiv
 * stands in); the report says what was skipped and why; a bad file stores nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newUser } from '../../../test/contracts/accounts.contract.ts';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { isAppError } from '../errors.ts';
import { importLibrary } from './import-library.ts';

let c: TestContainer;
let fetched: string[][];
before(async () => {
  c = await createTestContainer();
  fetched = [];
  c.community.fetcher = {
    async fetchByIds(ids) {
      fetched.push(ids);
      return ids
        .filter((id) => id === '2609.00077')
        .map((id) => buildPaper({ id, title: 'Fetched' }));
    },
  };
  await c.papers.upsertMany([
    buildPaper({ id: '2608.00001', title: 'Attention Is Enough' }),
    buildPaper({ id: '2608.00002', title: 'Sparse Things', doi: '10.1000/Sparse.2' }),
    buildPaper({ id: '2608.00003', title: 'Graph Kernels for Citation Networks' }),
    buildPaper({ id: '2608.00004', title: 'Twin' }),
    buildPaper({ id: '2608.00005', title: 'twin' }),
  ]);
});
after(() => c.dispose());

const BIB = `@misc{a, title = {Attention Is Enough}, eprint = {2608.00001}, archivePrefix = {arXiv}}
@article{b, title = {Some journal version}, doi = {10.1000/sparse.2}, journal = {J}}
@article{c, title = {{Graph Kernels} for Citation Networks}}
@misc{d, title = {Unknown here}, eprint = {2609.00077}, archivePrefix = {arXiv}}
@misc{e, title = {Not on arXiv either}, eprint = {2609.00078}, archivePrefix = {arXiv}}
@book{f, title = {A Book Nobody Has}}
@misc{g, title = {Twin}}
`;

test('BibTeX: matched by arXiv id, DOI and title; unknown ids fetched; the rest skipped with reasons', async () => {
  const u = await c.community.users.create(newUser());
  const report = await importLibrary(c.recs.importDeps, u.id, BIB);
  assert.equal(report.format, 'bibtex');
  assert.equal(report.entries, 7);
  assert.deepEqual(
    report.matched.map((m) => [m.entry, m.paperId, m.by]),
    [
      [0, '2608.00001', 'arxiv'],
      [1, '2608.00002', 'doi'],
      [2, '2608.00003', 'title'],
    ],
  );
  assert.deepEqual(
    report.fetched.map((m) => m.paperId),
    ['2609.00077'],
  );
  assert.deepEqual(fetched, [['2609.00077', '2609.00078']]);
  assert.deepEqual(
    report.skipped.map((s) => [s.entry, s.reason]),
    [
      [4, 'arXiv does not know this id'],
      [5, 'no arXiv id, DOI or title of a stored paper'],
      [6, '2 stored papers have this title'],
    ],
  );
  assert.equal(report.added, 4);
  assert.deepEqual((await c.recs.library.library(u.id)).map((e) => e.paperId).sort(), [
    '2608.00001',
    '2608.00002',
    '2608.00003',
    '2609.00077',
  ]);
  assert.equal((await c.papers.get('2609.00077'))?.title, 'Fetched');
  // Importing again adds nothing.
  assert.equal((await importLibrary(c.recs.importDeps, u.id, BIB)).added, 0);
});

test('RIS, CSL-JSON (a Zotero export) and pasted ids', async () => {
  const u = await c.community.users.create(newUser());
  const ris = 'TY  - JOUR\nTI  - Sparse things\nDO  - 10.1000/SPARSE.2\nER  - \n';
  assert.deepEqual(
    (await importLibrary(c.recs.importDeps, u.id, ris)).matched.map((m) => m.paperId),
    ['2608.00002'],
  );
  const csl = JSON.stringify([
    { id: 'x', type: 'article', title: 'Attention is enough', number: 'arXiv:2608.00001' },
  ]);
  const r = await importLibrary(c.recs.importDeps, u.id, csl);
  assert.equal(r.format, 'csl-json');
  assert.deepEqual(
    r.matched.map((m) => [m.paperId, m.by]),
    [['2608.00001', 'arxiv']],
  );
  const ids = await importLibrary(
    c.recs.importDeps,
    u.id,
    'https://arxiv.org/abs/2608.00003v2\n2608.00004, ',
  );
  assert.equal(ids.format, 'ids');
  assert.deepEqual(
    ids.matched.map((m) => m.paperId),
    ['2608.00003', '2608.00004'],
  );
  assert.equal((await c.recs.library.library(u.id)).length, 4);
});

test('a file that is none of the formats, an empty one, or a broken one: a clear error and nothing stored', async () => {
  const u = await c.community.users.create(newUser());
  for (const bad of [
    '',
    '   \n',
    'hello world, these are not ids',
    '[{"title": ',
    '@article{broken, title = {no end',
    '\u0000\u0001binary',
  ]) {
    await assert.rejects(importLibrary(c.recs.importDeps, u.id, bad), (e) => {
      assert.ok(isAppError(e), `${JSON.stringify(bad)}: ${e}`);
      assert.equal(e.code, 'invalid_input');
      return true;
    });
  }
  assert.deepEqual(await c.recs.library.library(u.id), []);
});

test('arXiv unreachable: matched papers are kept, the unknown ones skipped with the reason', async () => {
  const u = await c.community.users.create(newUser());
  const saved = c.community.fetcher;
  c.community.fetcher = {
    async fetchByIds() {
      throw new Error('connect ECONNREFUSED');
    },
  };
  try {
    const report = await importLibrary(c.recs.importDeps, u.id, '2608.00001 2609.00099');
    assert.deepEqual(
      report.matched.map((m) => m.paperId),
      ['2608.00001'],
    );
    assert.match(report.skipped[0]?.reason ?? '', /arXiv could not be reached .*ECONNREFUSED/);
  } finally {
    c.community.fetcher = saved;
  }
});
