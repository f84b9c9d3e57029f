import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { arxivAbsUrl, arxivPdfUrl, decodeUriOrNull, parseArxivId } from './arxiv-id.ts';

const cases: [string, ReturnType<typeof parseArxivId>][] = [
  ['2401.01234', { id: '2401.01234', version: null, style: 'new' }],
  ['2401.01234v2', { id: '2401.01234', version: 2, style: 'new' }],
  ['0704.0001', { id: '0704.0001', version: null, style: 'new' }],
  ['1412.9999v10', { id: '1412.9999', version: 10, style: 'new' }],
  ['arXiv:2401.01234', { id: '2401.01234', version: null, style: 'new' }],
  ['  2608.19880  ', { id: '2608.19880', version: null, style: 'new' }],
  ['hep-th/9901001', { id: 'hep-th/9901001', version: null, style: 'old' }],
  ['hep-th/9901001v3', { id: 'hep-th/9901001', version: 3, style: 'old' }],
  ['quant-ph/0201082v1', { id: 'quant-ph/0201082', version: 1, style: 'old' }],
  ['math.GT/0309136', { id: 'math/0309136', version: null, style: 'old' }],
  ['astro-ph/0601001', { id: 'astro-ph/0601001', version: null, style: 'old' }],
  ['https://arxiv.org/abs/2401.01234v2', { id: '2401.01234', version: 2, style: 'new' }],
  ['https://arxiv.org/pdf/2401.01234', { id: '2401.01234', version: null, style: 'new' }],
  ['https://arxiv.org/pdf/2401.01234v1.pdf', { id: '2401.01234', version: 1, style: 'new' }],
  [
    'http://export.arxiv.org/abs/hep-th/9901001',
    { id: 'hep-th/9901001', version: null, style: 'old' },
  ],
  ['arxiv.org/abs/2401.01234', { id: '2401.01234', version: null, style: 'new' }],
  ['https://www.arxiv.org/abs/2401.01234/', { id: '2401.01234', version: null, style: 'new' }],
  // garbage
  ['', null],
  ['hello world', null],
  ['2401.123', null],
  ['2413.01234', null], // month 13
  ['1501.0123', null], // 4-digit number after 2014
  ['1412.01234', null], // 5-digit number before 2015
  ['2401.01234v0', null],
  ['https://example.com/abs/2401.01234', null],
  ['https://arxiv.org/list/cs.CL/recent', null],
  ['hep-th/990100', null],
  ['javascript:alert(1)', null],
];

test('parseArxivId handles ids, versions, URLs and garbage', () => {
  for (const [input, expected] of cases) {
    assert.deepEqual(parseArxivId(input), expected, `input ${JSON.stringify(input)}`);
  }
});

test('arXiv links are built from the canonical id', () => {
  assert.equal(arxivAbsUrl('2401.01234'), 'https://arxiv.org/abs/2401.01234');
  assert.equal(arxivAbsUrl('hep-th/9901001', 2), 'https://arxiv.org/abs/hep-th/9901001v2');
  assert.equal(arxivPdfUrl('2401.01234', 3), 'https://arxiv.org/pdf/2401.01234v3');
});

test('parseArxivId never throws and always round-trips its canonical id', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (input) => {
      const parsed = parseArxivId(input);
      if (parsed) assert.equal(parseArxivId(parsed.id)?.id, parsed.id);
    }),
  );
});

test('malformed percent escapes in URLs are not ids, and never throw', () => {
  assert.equal(parseArxivId('https://arxiv.org/abs/%E0'), null);
  assert.equal(parseArxivId('arxiv.org/abs/2401.01234%zz'), null);
  assert.equal(decodeUriOrNull('%E0%A4%A'), null);
  assert.equal(decodeUriOrNull('hep-th%2F9901001'), 'hep-th/9901001');
  const badUrl = fc
    .tuple(
      fc.constantFrom('%', '%E', '%E0', '%zz', '%C3', '%2F', '%25'),
      fc.string({ maxLength: 12 }),
    )
    .map(([e, s]) => `https://arxiv.org/abs/${s}${e}`);
  fc.assert(
    fc.property(badUrl, (url) => {
      const parsed = parseArxivId(url);
      if (parsed) assert.equal(parseArxivId(parsed.id)?.id, parsed.id);
    }),
  );
});

test('every generated valid new-style id parses to itself', () => {
  const id = fc
    .tuple(
      fc.integer({ min: 15, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 99999 }),
    )
    .map(([y, m, n]) => `${y}${String(m).padStart(2, '0')}.${String(n).padStart(5, '0')}`);
  fc.assert(
    fc.property(id, fc.option(fc.integer({ min: 1, max: 30 })), (raw, v) => {
      const parsed = parseArxivId(v ? `${raw}v${v}` : raw);
      assert.deepEqual(parsed, { id: raw, version: v ?? null, style: 'new' });
    }),
  );
});
