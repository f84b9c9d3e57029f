import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { collapse, isoInstant } from './normalize.ts';

test('property: collapse equals the naive drop-NULs, replace-and-trim on any text', () => {
  const ws = fc.constantFrom(
    ' ',
    '  ',
    '\n',
    '\t',
    '\r\n',
    '\u00a0',
    '\u2003',
    'a',
    'b',
    '$x$',
    '\u0000',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(ws).map((a) => a.join('')),
      ),
      (text) => {
        assert.equal(collapse(text), text.replaceAll('\u0000', '').replace(/\s+/g, ' ').trim());
      },
    ),
    { numRuns: 2000 },
  );
});

test('isoInstant reads the date shapes sources send', () => {
  assert.equal(isoInstant('Mon, 2 Apr 2007 19:18:42 GMT'), '2007-04-02T19:18:42.000Z');
  assert.equal(isoInstant('2014-12-29'), '2014-12-29T00:00:00.000Z');
  assert.equal(isoInstant('2022-02-24T15:05:19Z'), '2022-02-24T15:05:19.000Z');
  assert.equal(isoInstant('yesterday'), null);
  assert.equal(isoInstant(null), null);
});
