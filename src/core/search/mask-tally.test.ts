import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MaskTally } from './mask-tally.ts';

function counted(masks: number[]): [number, number][] {
  const out = new Map<number, number>();
  for (const m of masks) out.set(m, (out.get(m) ?? 0) + 1);
  return [...out];
}

test('the tally counts each set of bits as a Map would, in first-seen order, through growth and between queries', () => {
  const tally = new MaskTally();
  // Few distinct sets (repeats, collisions) or thousands (the table grows past its 4,096 slots).
  const masks = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 500 }),
    fc.array(fc.integer({ min: 0, max: 2 ** 30 - 1 }), { minLength: 2000, maxLength: 6000 }),
  );
  fc.assert(
    fc.property(masks, masks, (first, second) => {
      for (const query of [first, second]) {
        for (const m of query) tally.add(m);
        assert.deepEqual([...tally.drain()], counted(query));
      }
    }),
    { numRuns: 60 },
  );
});
