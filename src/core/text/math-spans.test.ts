/**
 * Where TeX starts and ends in plain text, and where a dollar is just money.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitMath } from './math-spans.ts';

const kinds = (text: string) =>
  splitMath(text).map((p) => (p.kind === 'math' ? `[${p.display ? 'D' : 'I'}:${p.tex}]` : p.text));

test('inline and display math, in every notation', () => {
  assert.deepEqual(kinds('runs in $O(n^2)$ time'), ['runs in ', '[I:O(n^2)]', ' time']);
  assert.deepEqual(kinds('$$\\sum_i x_i$$'), ['[D:\\sum_i x_i]']);
  assert.deepEqual(kinds('a \\(x\\) and \\[y\\].'), ['a ', '[I:x]', ' and ', '[D:y]', '.']);
  assert.deepEqual(kinds('$a$$b$'), ['[I:a]', '[I:b]']);
});

test('money, lone dollars and escapes stay text', () => {
  assert.deepEqual(kinds('costs $5 and $10 each'), ['costs $5 and $10 each']);
  assert.deepEqual(kinds('between $ 3 and 4 $'), ['between $ 3 and 4 $']);
  assert.deepEqual(kinds('a \\$ sign and $x$'), ['a \\$ sign and ', '[I:x]']);
  assert.deepEqual(kinds('no math'), ['no math']);
  assert.deepEqual(kinds('unclosed $x'), ['unclosed $x']);
  assert.deepEqual(kinds(''), []);
});

test('the parts put together are the text', () => {
  for (const text of ['x $a$ y $$b$$ z \\(c\\)', '$5 $x$ $', 'a\\b\\(c']) {
    const joined = splitMath(text)
      .map((p) => (p.kind === 'math' ? p.source : p.text))
      .join('');
    assert.equal(joined, text);
  }
});
