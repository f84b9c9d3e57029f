import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markText, snippetOf } from './highlight.ts';

const plain = (s: string) => s.replaceAll('\u0002', '[').replaceAll('\u0003', ']');

test('marks word forms of the stems, leaves the rest alone', () => {
  const r = markText('Agents and agentic planning; an agent plans.', ['agent', 'plan']);
  assert.equal(plain(r.text), '[Agents] and [agentic] [planning]; an [agent] [plans].');
  assert.equal(r.hit, true);
  assert.equal(markText('nothing here', ['agent']).hit, false);
  assert.equal(plain(markText('a an as', ['a']).text), '[a] an as');
});

test('the snippet is the densest window, with ellipses where cut', () => {
  const filler = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
  const text = `${filler} graph neural networks on graph data ${filler}`;
  const s = snippetOf(text, ['graph', 'network'], 10);
  assert.ok(s.text.startsWith('…') && s.text.endsWith('…'));
  assert.equal((plain(s.text).match(/\[/g) ?? []).length, 3);
});
