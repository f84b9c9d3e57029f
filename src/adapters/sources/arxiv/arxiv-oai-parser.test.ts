import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fixture } from '../../../../test/replay-server.ts';
import { isAppError } from '../../../core/errors.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { parseOaiPage } from './arxiv-oai-parser.ts';

const AT = '2026-08-22T12:00:00.000Z';

function papers(file: string): Paper[] {
  return parseOaiPage(fixture(`arxiv-oai/${file}`), AT).records.flatMap((r) =>
    'paper' in r ? [r.paper] : [],
  );
}

test('arXiv format: structured authors, categories primary first, multi-version dates', () => {
  const [toolbox, bosons] = papers('arxiv-physics-hep-th.xml');
  assert.equal(toolbox?.id, '1412.8323');
  assert.deepEqual(toolbox?.authors, ['Philipp A Hoehn']);
  assert.deepEqual(toolbox?.categories.slice(0, 2), ['quant-ph', 'gr-qc']);
  assert.equal(toolbox?.submittedAt, '2014-12-29T00:00:00.000Z');
  assert.equal(toolbox?.updatedAt, '2017-12-13T00:00:00.000Z');
  assert.equal(bosons?.doi, '10.1088/1751-8121/aa9c53');
  assert.equal(bosons?.journalRef, 'J. Phys. A: Math. Theor. 51 (2018) 035201');
  assert.match(bosons?.abstract ?? '', /spin-\$1\/2\$ AB problem/, 'LaTeX kept verbatim');
});

test('the 12-record GetRecord envelope, collaborations as authors', () => {
  const all = papers('sample_arxiv_record.xml');
  assert.equal(all.length, 12);
  assert.equal(all[0]?.authors[0], 'Planck Collaboration');
});

test('arXivRaw: version history, submitter-era flat author string, entities decoded', () => {
  const [p] = papers('getrecord_arXivRaw_1304.4214_2013-04-16.xml');
  assert.equal(p?.id, '1304.4214');
  assert.equal(p?.version, 1);
  assert.deepEqual(p?.versions, [{ version: 1, submittedAt: '2013-04-15T19:33:21.000Z' }]);
  assert.deepEqual(p?.authors, ['Igor A. Zaliznyak', 'John M. Tranquada']);
  assert.match(p?.comments ?? '', /"Strongly Correlated Systems/);
});

test('oai_dc: id from the identifier URL, "Last, First" creators, comment split off, token read', () => {
  const page = parseOaiPage(
    fixture('arxiv-oai/listrecords_oai_dc_cs_2024-01-25_with_resumptionToken.xml'),
    AT,
  );
  assert.equal(page.resumptionToken, '6960524|1001');
  assert.equal(page.completeListSize, 1162);
  const ps = page.records.flatMap((r) => ('paper' in r ? [r.paper] : []));
  assert.equal(ps.length, 5);
  assert.equal(ps[0]?.id, '1303.2033');
  assert.deepEqual(ps[0]?.authors, ['Vilnis Liepins']);
  assert.ok(ps.some((p) => p.comments === 'Accepted to the Findings of EACL 2024'));
});

test('protocol errors: noRecordsMatch is an empty page, others are invalid_input', () => {
  const oai = (error: string) =>
    `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate><request>x</request>${error}</OAI-PMH>`;
  const empty = parseOaiPage(oai('<error code="noRecordsMatch">none</error>'), AT);
  assert.deepEqual(empty.records, []);
  assert.equal(empty.resumptionToken, null);
  assert.throws(
    () => parseOaiPage(oai('<error code="badResumptionToken">expired</error>'), AT),
    (e) =>
      isAppError(e, 'invalid_input') &&
      (e.details as { oaiCode: string }).oaiCode === 'badResumptionToken',
  );
});

test('deleted records are skipped; records without metadata are numbered rejections', () => {
  const body = `<?xml version="1.0"?><OAI-PMH><responseDate>x</responseDate><ListRecords>
    <record><header status="deleted"><identifier>oai:arXiv.org:1234.5678</identifier><datestamp>2026-01-02</datestamp></header></record>
    <record><header><identifier>oai:arXiv.org:1234.5679</identifier><datestamp>2026-01-01</datestamp></header></record>
  </ListRecords></OAI-PMH>`;
  const page = parseOaiPage(body, AT);
  assert.equal(page.records.length, 1);
  assert.match((page.records[0] as { error: string }).error, /1234\.5679 has no metadata/);
  assert.equal(page.maxDatestamp, '2026-01-02');
});

test('property: arbitrary and mutated bodies give a page or a typed error', () => {
  const body = fixture('arxiv-oai/arxiv-physics-hep-th.xml');
  const mutated = fc
    .tuple(fc.nat({ max: body.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 10 }))
    .map(([at, cut, insert]) => body.slice(0, at) + insert + body.slice(at + cut));
  fc.assert(
    fc.property(
      fc.oneof(
        mutated,
        fc.string(),
        fc.uint8Array().map((b) => Buffer.from(b).toString()),
      ),
      (input) => {
        try {
          assert.ok(Array.isArray(parseOaiPage(input, AT).records));
        } catch (error) {
          assert.ok(
            isAppError(error, 'source_malformed') || isAppError(error, 'invalid_input'),
            String(error),
          );
        }
      },
    ),
    { numRuns: 300 },
  );
});
