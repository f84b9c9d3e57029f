/**
 * TeX in comments: rendered to MathML after sanitising, bad TeX shown as its source, dollars that
 * are money left alone, and no way to forge a placeholder or smuggle markup through TeX.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarkdownItRenderer } from './markdown-it-renderer.ts';

const md = new MarkdownItRenderer();

test('inline and display TeX become MathML; underscores are not emphasis', () => {
  const html = md.render('Is $a_1 + b_1$ tight?\n\n$$\\sum_i x_i$$');
  assert.match(html, /<math><semantics><mrow><msub><mi>a<\/mi><mn>1<\/mn><\/msub>/);
  assert.match(html, /<math display="block"/);
  assert.doesNotMatch(html, /<em>/);
});

test('bad TeX falls back to its source; money stays text; code stays code', () => {
  assert.match(
    md.render('$\\frac{a}{$ oops'),
    /<span class="tex-source">\$\\frac\{a\}\{\$<\/span>/,
  );
  assert.equal(md.render('costs $5 and $10').trim(), '<p>costs $5 and $10</p>');
  assert.match(md.render('`$x$`'), /<code>\$x\$<\/code>/);
});

test('no forged placeholders, no links or colours through TeX, tables kept', () => {
  assert.equal(md.render('x \uE0000\uE001 y').trim(), '<p>x 0 y</p>');
  assert.match(md.render('$\\href{javascript:alert(1)}{x}$'), /tex-source/);
  assert.doesNotMatch(md.render('$\\color{black}{x}$'), /style=/);
  assert.doesNotMatch(md.render('$<script>alert(1)</script>$'), /<script/);
  assert.match(md.render('| a | b |\n|---|---|\n| 1 | 2 |'), /<table>\s*<thead>/);
});
