/**
 * Queries stay queries; abstracts and several sentences are pastes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksLikePastedText } from './pasted-text.ts';

test('short queries, ids and field syntax are queries', () => {
  for (const q of ['video generation', 'author:hinton cat:cs.LG', '2608.13120', 'What is RLHF?']) {
    assert.equal(looksLikePastedText(q), false, q);
  }
});

test('long texts and several sentences are pastes', () => {
  assert.equal(looksLikePastedText('word '.repeat(60)), true);
  const two =
    'We study sparse mixtures of experts at scale and their routing. ' +
    'We find that routing collapses without a balancing loss, and we fix it with a simple one.';
  assert.equal(looksLikePastedText(two), true);
});
