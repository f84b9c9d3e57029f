/**
 * `next` allows only same-site paths, judged as a browser resolves them (issue 13, item 4): a
 * table of known tricks, and a fast-check property over strings built from encoded and raw
 * control characters, slashes, backslashes and hosts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { nextValue, staysOnSite } from '../../../test/open-redirect.ts';
import { safeNext, withParam } from './safe-next.ts';

test('same-site paths pass, normalised', () => {
  assert.equal(safeNext('/papers/2608.10001', '/'), '/papers/2608.10001');
  assert.equal(safeNext('/search?q=a b#x', '/'), '/search?q=a%20b#x');
  assert.equal(safeNext('/papers/../account', '/'), '/account');
  assert.equal(safeNext('/a%2F%2Fb', '/'), '/a%2F%2Fb');
});

test('other sites, tricks and control characters give the fallback', () => {
  for (const bad of [
    undefined,
    '',
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    '/\t/evil.example/',
    '/\n/evil.example/',
    '/\r\nSet-Cookie: x=1',
    '/\v/x',
    '/\0',
    '/..//evil.example',
    '/./\t/evil.example',
    'javascript:alert(1)',
    ' /papers',
  ]) {
    assert.equal(safeNext(bad, '/home'), '/home', JSON.stringify(bad));
  }
});

test('property: whatever comes in, what goes out stays on this site', () => {
  fc.assert(
    fc.property(nextValue, (raw) => {
      const out = safeNext(raw, '/fallback');
      assert.ok(staysOnSite(out), `${JSON.stringify(raw)} -> ${JSON.stringify(out)}`);
    }),
    { numRuns: 5000 },
  );
});

test('withParam adds a parameter before the fragment', () => {
  assert.equal(withParam('/papers/1#discussion', 'done', 'vote'), '/papers/1?done=vote#discussion');
  assert.equal(withParam('/search?q=x', 'done', 'saved'), '/search?q=x&done=saved');
});
