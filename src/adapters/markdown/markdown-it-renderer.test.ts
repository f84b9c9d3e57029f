/** Comment Markdown: images become links to the image (never literal tag text, never <img>). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarkdownItRenderer } from './markdown-it-renderer.ts';

test('an image renders as a link to it, not as escaped <img /> text', () => {
  const md = new MarkdownItRenderer();
  const html = md.render('See ![the plot](https://example.org/plot.png) here.');
  assert.doesNotMatch(html, /&lt;img|<img/);
  assert.match(
    html,
    /<a href="https:\/\/example\.org\/plot\.png" rel="[^"]*nofollow[^"]*">image: the plot<\/a>/,
  );
  const bad = md.render('![x](javascript:alert(1)) ![y](data:image/png;base64,AAAA)');
  assert.doesNotMatch(bad, /href="(javascript|data):|&lt;img|<img/);
});
