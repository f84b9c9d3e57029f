/** Only absolute http(s) URLs pass as links; every other scheme or text is dropped. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { webLink } from './web-link.ts';

test('http(s) links pass; javascript:, data:, relative and broken ones do not', () => {
  assert.equal(webLink('https://github.com/a/b'), 'https://github.com/a/b');
  assert.equal(webLink(' http://example.org/p '), 'http://example.org/p');
  for (const bad of [
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    '//evil.example/x',
    '/relative',
    'not a url',
    '',
    null,
    undefined,
  ]) {
    assert.equal(webLink(bad), null, JSON.stringify(bad));
  }
});
