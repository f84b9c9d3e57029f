/**
 * The paper write path's multi-row inserts (VALUES on SQLite, unnest'ed arrays on PostgreSQL)
 * keep every value exactly, on both engines: quotes, backslashes, braces and commas (array
 * syntax), the text "NULL", empty strings, NULLs, non-ASCII text and many rows at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContainer } from '../../../test/db.ts';
import { engines } from '../../../test/engines.ts';
import { buildFeaturedPaper, buildPaper } from '../../../test/factories.ts';

const AWKWARD = [
  'a "quoted" {braced}, value',
  'back\\slash \\" end\\',
  'NULL',
  '',
  'Ünïcødé — 数学 🚀',
  'line\nbreak\ttab',
];

for (const engine of await engines()) {
  test(`awkward values round-trip through the bulk write path (${engine.name})`, {
    skip: engine.skip,
  }, async () => {
    const c = await createTestContainer({ engine: engine.name });
    try {
      const papers = AWKWARD.map((text, i) =>
        buildFeaturedPaper('2026-08-20', i, {
          title: text || 'untitled',
          abstract: text,
          authors: [text || 'Anon', `O'Brien, {J}`],
          comments: i % 2 === 0 ? null : text,
          doi: i % 3 === 0 ? null : text,
          version: i % 2 === 0 ? null : i,
        }),
      );
      const many = Array.from({ length: 1200 }, (_, i) =>
        buildPaper({ title: `Paper "${i}" {x}` }),
      );
      await c.ingest.commitPage([...papers, ...many], null);
      for (const p of papers) assert.deepEqual(await c.papers.get(p.id), p);
      assert.deepEqual(await c.papers.get(many[1100]?.id ?? ''), many[1100]);
      assert.equal(await c.papers.count(), papers.length + many.length);
      assert.equal(await c.embeddingQueue.size(), papers.length + many.length);
    } finally {
      await c.dispose();
    }
  });
}
