import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPaper } from '../../../test/factories.ts';
import { mergePaper } from './merge-paper.ts';
import { emptyCommunity } from './model.ts';

const hf = buildPaper({
  id: '2608.00001',
  version: null,
  title: 'HF title',
  categories: [],
  versions: [],
  community: {
    ...emptyCommunity(),
    featuredDays: [{ day: '2026-08-20', rank: 2, featuredAt: null }],
    upvotes: 40,
    commentCount: 3,
    aiSummary: 'A summary.',
  },
  links: { code: 'https://github.com/a/b', project: null },
  provenance: { source: 'hf-daily', fetchedAt: '2026-08-20T00:00:00Z' },
});

const arxiv = buildPaper({
  id: '2608.00001',
  version: 2,
  title: 'arXiv title',
  categories: ['cs.CL'],
  versions: [{ version: 2, submittedAt: '2026-08-19T00:00:00Z' }],
  provenance: { source: 'arxiv-oai', fetchedAt: '2026-08-21T00:00:00Z' },
});

test('arXiv wins bibliographic fields, Hugging Face keeps community fields', () => {
  const merged = mergePaper(hf, arxiv);
  assert.equal(merged.title, 'arXiv title');
  assert.deepEqual(merged.categories, ['cs.CL']);
  assert.equal(merged.version, 2);
  assert.equal(merged.community.upvotes, 40);
  assert.equal(merged.community.aiSummary, 'A summary.');
  assert.equal(merged.links.code, 'https://github.com/a/b');
});

test('a Hugging Face update after arXiv keeps arXiv bibliography and refreshes community', () => {
  const later = {
    ...hf,
    community: {
      ...hf.community,
      upvotes: 55,
      featuredDays: [{ day: '2026-08-20', rank: null, featuredAt: null }],
    },
  };
  const merged = mergePaper(mergePaper(hf, arxiv), later);
  assert.equal(merged.title, 'arXiv title');
  assert.equal(merged.community.upvotes, 55);
  assert.deepEqual(merged.community.featuredDays, [
    { day: '2026-08-20', rank: 2, featuredAt: null },
  ]);
});

test('a newer version replaces the bibliography and keeps the version history', () => {
  const v3 = buildPaper({
    ...arxiv,
    version: 3,
    title: 'Revised',
    versions: [{ version: 3, submittedAt: '2026-09-01T00:00:00Z' }],
  });
  const merged = mergePaper(arxiv, v3);
  assert.equal(merged.title, 'Revised');
  assert.deepEqual(
    merged.versions.map((v) => v.version),
    [2, 3],
  );
  const stale = mergePaper(v3, arxiv);
  assert.equal(stale.title, 'Revised', 'an older version never overwrites a newer one');
});
