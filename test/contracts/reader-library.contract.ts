/**
 * The ReaderLibraryRepo and PaperMatcher contract: a reader's library is their imports, upvotes,
 * collection items and "more like this" marks (each paper once, at its earliest date, newest
 * first); imports are all or nothing; marks, follows and settings round-trip; export holds all of
 * it and delete removes it — for that reader only. Papers match by DOI and title, case-folded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../src/core/recs/model.ts';
import { buildPaper } from '../factories.ts';
import { newUser } from './accounts.contract.ts';
import type { ContractTarget } from './run-contract.ts';

export function readerLibraryContract({ make }: ContractTarget): void {
  test('library = imports ∪ upvotes ∪ collection items ∪ "more like this", each once at its earliest date', async () => {
    const c = await make();
    try {
      await c.papers.upsertMany(
        ['2608.00001', '2608.00002', '2608.00003', '2608.00004', '2608.00005'].map((id) =>
          buildPaper({ id }),
        ),
      );
      const u = await c.community.users.create(newUser());
      const other = await c.community.users.create(newUser());
      const { library } = c.recs;
      assert.equal(
        await library.addImported(u.id, [
          { paperId: '2608.00001', source: 'bibtex', addedAt: '2026-08-01T00:00:00Z' },
          { paperId: '2608.00002', source: 'bibtex', addedAt: '2026-08-01T00:00:00Z' },
        ]),
        2,
      );
      // Already there: kept with its first date, not counted again.
      assert.equal(
        await library.addImported(u.id, [
          { paperId: '2608.00001', source: 'ris', addedAt: '2026-08-09T00:00:00Z' },
        ]),
        0,
      );
      await c.community.votes.set(u.id, '2608.00003', true, '2026-08-03T00:00:00Z');
      await c.community.votes.set(other.id, '2608.00005', true, '2026-08-03T00:00:00Z');
      await c.community.collections.create({
        id: 'k1',
        userId: u.id,
        name: 'mine',
        description: '',
        isPublic: false,
        at: '2026-08-02T00:00:00Z',
      });
      await c.community.collections.putItem('k1', '2608.00004', '', '2026-08-04T00:00:00Z');
      await c.community.collections.putItem('k1', '2608.00002', '', '2026-08-05T00:00:00Z');
      await library.setFeedback(u.id, '2608.00005', 1, '2026-08-06T00:00:00Z');
      assert.deepEqual(await library.library(u.id), [
        { paperId: '2608.00005', source: 'more', addedAt: '2026-08-06T00:00:00Z' },
        { paperId: '2608.00004', source: 'collection', addedAt: '2026-08-04T00:00:00Z' },
        { paperId: '2608.00003', source: 'upvote', addedAt: '2026-08-03T00:00:00Z' },
        { paperId: '2608.00001', source: 'bibtex', addedAt: '2026-08-01T00:00:00Z' },
        { paperId: '2608.00002', source: 'bibtex', addedAt: '2026-08-01T00:00:00Z' },
      ]);
      assert.deepEqual(
        (await library.library(other.id)).map((e) => e.paperId),
        ['2608.00005'],
      );
      await library.removeImported(u.id, '2608.00001');
      assert.ok(!(await library.library(u.id)).some((e) => e.paperId === '2608.00001'));
    } finally {
      await c.dispose();
    }
  });

  test('an import that fails stores none of its papers', async () => {
    const c = await make();
    try {
      const u = await c.community.users.create(newUser());
      const entries = Array.from({ length: 1200 }, (_, i) => ({
        paperId: `2608.${String(i).padStart(5, '0')}`,
        source: 'bibtex' as const,
        addedAt: '2026-08-01T00:00:00Z',
      }));
      // A duplicate inside one batch breaks the primary key after 1,000 rows went in.
      entries.push({ ...(entries[1100] as (typeof entries)[number]) });
      await assert.rejects(c.recs.library.addImported(u.id, entries));
      assert.deepEqual(await c.recs.library.library(u.id), []);
    } finally {
      await c.dispose();
    }
  });

  test('marks, follows and settings round-trip; export has them all; delete removes only that reader’s', async () => {
    const c = await make();
    try {
      const u = await c.community.users.create(newUser());
      const v = await c.community.users.create(newUser());
      const { library } = c.recs;
      assert.deepEqual(await library.settings(u.id), defaultSettings());
      await library.setFeedback(u.id, '2608.00001', -1, '2026-08-01T00:00:00Z');
      await library.setFeedback(u.id, '2608.00002', -1, '2026-08-02T00:00:00Z');
      await library.setFeedback(u.id, '2608.00002', 1, '2026-08-03T00:00:00Z');
      await library.setFeedback(u.id, '2608.00001', null, '2026-08-04T00:00:00Z');
      assert.deepEqual(await library.feedback(u.id), [
        { paperId: '2608.00002', signal: 1, at: '2026-08-03T00:00:00Z' },
      ]);
      const ada = {
        kind: 'author' as const,
        value: 'ada lovelace',
        label: 'Ada Lovelace',
        createdAt: '2026-08-01T00:00:00Z',
      };
      const topic = {
        kind: 'topic' as const,
        value: 'retrieval "dense"',
        label: 'retrieval "dense"',
        createdAt: '2026-08-02T00:00:00Z',
      };
      await library.follow(u.id, ada);
      await library.follow(u.id, topic);
      await library.follow(u.id, { ...ada, label: 'A. Lovelace' });
      await library.follow(v.id, ada);
      assert.deepEqual(await library.follows(u.id), [topic, { ...ada, label: 'A. Lovelace' }]);
      await library.unfollow(u.id, 'topic', topic.value);
      assert.deepEqual(await library.follows(u.id), [{ ...ada, label: 'A. Lovelace' }]);
      const settings = {
        interests: ['cs.IR', 'cs.CL'],
        includeTerms: 'retrieval OR rerank',
        excludeTerms: 'survey',
        threshold: 0.75,
      };
      await library.saveSettings(u.id, settings, '2026-08-05T00:00:00Z');
      await library.saveSettings(u.id, { ...settings, threshold: 0.8 }, '2026-08-06T00:00:00Z');
      assert.deepEqual(await library.settings(u.id), { ...settings, threshold: 0.8 });
      const exported = await library.exportAll(u.id);
      assert.equal(exported.feedback.length, 1);
      assert.equal(exported.follows.length, 1);
      assert.equal(exported.settings.threshold, 0.8);
      await library.deleteAll(u.id);
      assert.deepEqual(await library.exportAll(u.id), {
        library: [],
        feedback: [],
        follows: [],
        settings: defaultSettings(),
        feedKeyGeneration: 0,
      });
      assert.equal((await library.follows(v.id)).length, 1);
    } finally {
      await c.dispose();
    }
  });

  test('an author follow of one person keeps their co-authors; a name follow has none', async () => {
    const c = await make();
    try {
      const u = await c.community.users.create(newUser());
      const { library } = c.recs;
      const whole = {
        kind: 'author' as const,
        value: 'wei zhang',
        label: 'Wei Zhang',
        createdAt: '2026-08-01T00:00:00Z',
      };
      const one = {
        ...whole,
        value: 'wei zhang#2601.00004',
        createdAt: '2026-08-02T00:00:00Z',
        coauthors: ['Chen Li', 'Eve Stone', 'Zoë “Q” O’Neil'],
      };
      await library.follow(u.id, whole);
      await library.follow(u.id, one);
      assert.deepEqual(await library.follows(u.id), [one, whole]);
      assert.deepEqual((await library.exportAll(u.id)).follows, [one, whole]);
      await library.unfollow(u.id, 'author', one.value);
      assert.deepEqual(await library.follows(u.id), [whole]);
    } finally {
      await c.dispose();
    }
  });

  test('the feed-key generation starts at 0, goes up by one per revocation, survives delete', async () => {
    const c = await make();
    try {
      const u = await c.community.users.create(newUser());
      const v = await c.community.users.create(newUser());
      const { library } = c.recs;
      assert.equal(await library.feedKeyGeneration(u.id), 0);
      assert.equal(await library.bumpFeedKeyGeneration(u.id, '2026-08-01T00:00:00Z'), 1);
      assert.equal(await library.bumpFeedKeyGeneration(u.id, '2026-08-02T00:00:00Z'), 2);
      assert.equal(await library.feedKeyGeneration(u.id), 2);
      assert.equal(await library.feedKeyGeneration(v.id), 0, 'per reader');
      assert.equal((await library.exportAll(u.id)).feedKeyGeneration, 2);
      // Going back to 0 would bring revoked URLs back to life.
      await library.deleteAll(u.id);
      assert.equal(await library.feedKeyGeneration(u.id), 2);
    } finally {
      await c.dispose();
    }
  });

  test('papers match by DOI and by exact title, case-folded; a shared title gives every id', async () => {
    const c = await make();
    try {
      await c.papers.upsertMany([
        buildPaper({ id: '2608.00001', doi: '10.1000/ABC.1', title: 'Dense Retrieval at Scale' }),
        buildPaper({ id: '2608.00002', title: 'Twins' }),
        buildPaper({ id: '2608.00003', title: 'twins' }),
      ]);
      const { matcher } = c.recs;
      assert.deepEqual(
        [...(await matcher.byDois(['10.1000/abc.1', '10.1000/none']))],
        [['10.1000/abc.1', '2608.00001']],
      );
      assert.deepEqual(
        [...(await matcher.byTitles(['dense retrieval at scale', 'twins', 'nothing']))].sort(),
        [
          ['dense retrieval at scale', ['2608.00001']],
          ['twins', ['2608.00002', '2608.00003']],
        ],
      );
    } finally {
      await c.dispose();
    }
  });
}
