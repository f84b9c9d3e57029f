/**
 * The generic row mappers: names convert both ways, converted fields win, and (checked by tsc)
 * a mapper does not compile when the columns and fields differ or a differing type goes unconverted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromRow, toRow } from './row-mapping.ts';

interface Thing {
  id: string;
  lastSeenAt: string | null;
  errorCount: number;
  tags: string[];
}
interface ThingRow {
  id: string;
  last_seen_at: string | null;
  error_count: number;
  tags: string;
}

const fromThing = fromRow<Thing, ThingRow>((r) => ({ tags: JSON.parse(r.tags) as string[] }));
const toThing = toRow<ThingRow, Thing>((t) => ({ tags: JSON.stringify(t.tags) }));

test('a row maps to the domain object and back', () => {
  const row: ThingRow = { id: 'a', last_seen_at: null, error_count: 2, tags: '["x","y"]' };
  const thing = fromThing(row);
  assert.deepEqual(thing, { id: 'a', lastSeenAt: null, errorCount: 2, tags: ['x', 'y'] });
  assert.deepEqual(toThing(thing), row);
});

test('mappers refuse at compile time what they cannot map exactly', () => {
  // @ts-expect-error: `tags` is stored as text and must be converted.
  fromRow<Thing, ThingRow>();
  // @ts-expect-error: a column the domain type lacks (it would ride along unnoticed).
  fromRow<Omit<Thing, 'errorCount'>, ThingRow>((r) => ({ tags: [r.tags] }));
  // @ts-expect-error: a field the table lacks.
  toRow<Omit<ThingRow, 'error_count'>, Thing>((t) => ({ tags: t.tags.join() }));
  // Same names and types need no conversion.
  assert.deepEqual(fromRow<{ aB: number }, { a_b: number }>()({ a_b: 1 }), { aB: 1 });
});
