import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { porterStem } from './porter-stemmer.ts';

// Pairs from Martin Porter's published vocabulary/output lists.
const cases: Record<string, string> = {
  caresses: 'caress',
  ponies: 'poni',
  ties: 'ti',
  cats: 'cat',
  feed: 'feed',
  agreed: 'agre',
  plastered: 'plaster',
  motoring: 'motor',
  sing: 'sing',
  conflated: 'conflat',
  troubled: 'troubl',
  sized: 'size',
  hopping: 'hop',
  falling: 'fall',
  hissing: 'hiss',
  filing: 'file',
  happy: 'happi',
  relational: 'relat',
  conditional: 'condit',
  generalization: 'gener',
  connections: 'connect',
  electricity: 'electr',
  adjustable: 'adjust',
  controllable: 'control',
  vietnamization: 'vietnam',
  decisiveness: 'decis',
  hopefulness: 'hope',
  sensitiviti: 'sensit',
  networks: 'network',
  transformers: 'transform',
};

test('porterStem matches the reference outputs', () => {
  for (const [word, stem] of Object.entries(cases)) assert.equal(porterStem(word), stem, word);
});

test('porterStem leaves short, non-ASCII and mixed tokens alone', () => {
  assert.equal(porterStem('is'), 'is');
  assert.equal(porterStem('gpt4'), 'gpt4');
  assert.equal(porterStem('réseaux'), 'réseaux');
});

test('porterStem never throws and never lengthens a word by more than one letter', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z]{0,20}$/), (word) => {
      const stem = porterStem(word);
      assert.ok(stem.length <= word.length + 1);
    }),
  );
});
