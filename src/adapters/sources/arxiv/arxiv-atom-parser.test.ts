import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fixture, recordedCall } from '../../../../test/replay-server.ts';
import { isAppError } from '../../../core/errors.ts';
import { parseArxivAtom } from './arxiv-atom-parser.ts';

const AT = '2026-08-22T12:00:00.000Z';

test('a current feed entry becomes a paper with primary category first and both versions', () => {
  const { body } = recordedCall('arxiv-atom/id_quant-ph_0201082v1_s0_m100_86989fe779ef.json');
  const feed = parseArxivAtom(body, AT);
  assert.equal(feed.totalResults, 1);
  const [p] = feed.papers;
  assert.ok(p);
  assert.equal(p.id, 'quant-ph/0201082');
  assert.equal(p.version, 1);
  assert.equal(
    p.title,
    'Quantum Computers and Quantum Computer Languages: Quantum Assembly Language and Quantum C Language',
  );
  assert.deepEqual(p.categories, ['quant-ph', 'cs.PL']);
  assert.deepEqual(p.authors, ['Stephen Blaha']);
  assert.equal(p.comments, '32 pages');
  assert.equal(p.submittedAt, '2002-01-18T15:08:05.000Z');
  assert.deepEqual(p.versions, [{ version: 1, submittedAt: '2002-01-18T15:08:05.000Z' }]);
  assert.equal(p.provenance.source, 'arxiv-atom');
});

test('the 2016 feed (namespaces declared per element, hard-wrapped text) parses the same way', () => {
  const feed = parseArxivAtom(fixture('arxiv-atom/2016-id_list-1111.2011v2.xml'), AT);
  const [p] = feed.papers;
  assert.ok(p);
  assert.equal(p.id, '1111.2011');
  assert.equal(p.version, 2);
  assert.equal(
    p.title,
    'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
  );
  assert.doesNotMatch(p.abstract, /\n/);
  assert.equal(p.doi, '10.1103/PhysRevB.85.115117');
  assert.equal(p.journalRef, 'Phys. Rev. B 85, 115117 (2012)');
  assert.deepEqual(p.categories, ['cond-mat.str-el', 'cond-mat.stat-mech']);
  assert.deepEqual(p.versions, [
    { version: 1, submittedAt: '2011-11-08T18:48:36.000Z' },
    { version: 2, submittedAt: '2012-04-02T12:38:54.000Z' },
  ]);
});

test('an unknown id gives an empty feed; the error feed gives invalid_input with arXiv’s reason', () => {
  const empty = parseArxivAtom(
    recordedCall('arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.json').body,
    AT,
  );
  assert.deepEqual(empty.papers, []);
  assert.equal(empty.totalResults, 0);
  const { body, status } = recordedCall('arxiv-atom/id_abc_s0_m100_b79c8dcf6bc3.json');
  assert.equal(status, 400);
  assert.throws(
    () => parseArxivAtom(body, AT),
    (e) => isAppError(e, 'invalid_input') && /incorrect id format for abc/.test(e.message),
  );
});

test('a search page reports the total and keeps LaTeX in abstracts', () => {
  const feed = parseArxivAtom(
    recordedCall('arxiv-atom/q_testing_s10_m10_34e56e15aaac.json').body,
    AT,
  );
  assert.equal(feed.papers.length, 10);
  assert.equal(feed.startIndex, 10);
  assert.ok(feed.totalResults > 200_000);
  assert.ok(feed.papers.every((p) => p.title.length > 0 && p.categories.length > 0));
  assert.ok(
    feed.papers.some((p) => p.abstract.includes('$p$')),
    'inline LaTeX kept verbatim',
  );
});

test('truncated and garbled bodies are source_malformed, never a partial feed', () => {
  const { body } = recordedCall('arxiv-atom/q_testing_s0_m10_bc5a6c384fe9.json');
  for (const bad of [body.slice(0, body.length / 2), '<html>503</html>', '', '{"a":1}']) {
    assert.throws(
      () => parseArxivAtom(bad, AT),
      (e) => isAppError(e, 'source_malformed'),
    );
  }
});

test('property: arbitrary input yields a feed or a typed error, never a crash', () => {
  const { body } = recordedCall('arxiv-atom/id_1605.08386_s0_m100_199195aa31ad.json');
  const mutated = fc
    .tuple(fc.nat({ max: body.length }), fc.nat({ max: 50 }), fc.string({ maxLength: 20 }))
    .map(([at, cut, insert]) => body.slice(0, at) + insert + body.slice(at + cut));
  const anyText = fc.oneof(
    fc.string(),
    fc.uint8Array().map((b) => Buffer.from(b).toString()),
  );
  fc.assert(
    fc.property(fc.oneof(mutated, anyText), (input) => {
      try {
        const feed = parseArxivAtom(input, AT);
        assert.ok(Array.isArray(feed.papers));
      } catch (error) {
        assert.ok(
          isAppError(error, 'source_malformed') || isAppError(error, 'invalid_input'),
          String(error),
        );
      }
    }),
    { numRuns: 300 },
  );
});
