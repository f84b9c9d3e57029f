import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../errors.ts';
import { normalizeAddress } from './address.ts';
import { canonicalSearch, searchText } from './saved-search.ts';

test('addresses are trimmed and lower-cased', () => {
  assert.equal(
    normalizeAddress('  Ada.Lovelace+papers@Example.ORG '),
    'ada.lovelace+papers@example.org',
  );
});

test('anything that is not one plain address is refused with a clear message', () => {
  for (const bad of [
    '',
    'ada',
    'ada@',
    '@example.org',
    'ada@example',
    'ada lovelace@example.org',
    'ada@example.org\r\nBcc: victim@example.org',
    'ada@example.org\nbcc:x@y.z',
    'ada@example.org, bob@example.org',
    '"Ada" <ada@example.org>',
    `${'a'.repeat(250)}@example.org`,
  ]) {
    assert.throws(
      () => normalizeAddress(bad),
      (e) => isAppError(e, 'invalid_input'),
      JSON.stringify(bad),
    );
  }
});

test('saved searches are canonical query strings; bad ones are refused', () => {
  assert.equal(canonicalSearch('  graph   neural nets '), 'q=graph+neural+nets');
  assert.equal(canonicalSearch('page=3&q=diffusion&category=cs.CV'), 'category=cs.CV&q=diffusion');
  assert.equal(searchText('category=cs.CV&q=diffusion'), 'diffusion');
  for (const bad of [
    '',
    '   ',
    'category=cs.CV',
    'x'.repeat(251),
    'q=a%0D%0ABcc:%20x@y.z',
    'line\nbreak',
  ]) {
    assert.throws(
      () => canonicalSearch(bad),
      (e) => isAppError(e, 'invalid_query'),
      bad,
    );
  }
});
