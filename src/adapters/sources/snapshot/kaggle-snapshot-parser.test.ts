import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fixture } from '../../../../test/replay-server.ts';
import { parseKaggleLine } from './kaggle-snapshot-parser.ts';

const AT = '2026-08-22T12:00:00.000Z';
const lines = fixture('snapshot/arxiv-metadata-oai-snapshot.head200.jsonl').trim().split('\n');

test('every line of the real snapshot sample becomes a paper', () => {
  const records = lines.map((text, i) => parseKaggleLine(i + 1, text, AT));
  assert.equal(records.filter((r) => 'paper' in r).length, 200);
  const first = records[0];
  assert.ok(first && 'paper' in first);
  const p = first.paper;
  assert.equal(p.id, '0704.0001');
  assert.equal(p.version, 2);
  assert.deepEqual(p.authors, ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan']);
  assert.deepEqual(p.categories, ['hep-ph']);
  assert.equal(p.doi, '10.1103/PhysRevD.76.013009');
  assert.equal(p.journalRef, 'Phys.Rev.D76:013009,2007');
  assert.deepEqual(p.versions, [
    { version: 1, submittedAt: '2007-04-02T19:18:42.000Z' },
    { version: 2, submittedAt: '2007-07-24T20:10:27.000Z' },
  ]);
  assert.equal(p.submittedAt, '2007-04-02T19:18:42.000Z');
  assert.equal(p.updatedAt, '2007-07-24T20:10:27.000Z');
  assert.doesNotMatch(p.title, /\n/);
  assert.equal(p.provenance.source, 'snapshot');
});

test('bad lines are numbered rejections with the reason', () => {
  assert.deepEqual(parseKaggleLine(3, '{"id": "0704.0001", "title": ', AT).line, 3);
  assert.match(
    (parseKaggleLine(4, '{"id":"nope","title":"x"}', AT) as { error: string }).error,
    /"nope" is not an arXiv id/,
  );
  assert.match((parseKaggleLine(5, '{"id":"0704.0001"}', AT) as { error: string }).error, /title/);
  assert.match((parseKaggleLine(6, '[1,2]', AT) as { error: string }).error, /not a JSON object/);
});

test('property: any line gives a paper or a rejection, never a throw', () => {
  const line = lines[5] ?? '';
  const mutated = fc
    .tuple(fc.nat({ max: line.length }), fc.nat({ max: 30 }), fc.string({ maxLength: 10 }))
    .map(([at, cut, insert]) => line.slice(0, at) + insert + line.slice(at + cut));
  fc.assert(
    fc.property(fc.oneof(mutated, fc.string(), fc.json()), (text) => {
      const r = parseKaggleLine(1, text, AT);
      assert.ok('paper' in r || typeof r.error === 'string');
    }),
    { numRuns: 500 },
  );
});
