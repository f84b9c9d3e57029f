import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CopyColumn, CopyRow } from './copy-ports.ts';
import { TableChecksum } from './table-checksum.ts';

const columns: CopyColumn[] = [
  { name: 'id', kind: 'text' },
  { name: 'n', kind: 'integer' },
  { name: 'score', kind: 'real' },
  { name: 'blob', kind: 'bytes' },
];
const rows: CopyRow[] = [
  { id: 'a', n: 1, score: 0.1, blob: Buffer.from([1, 2]) },
  { id: 'b', n: null, score: 1.2345678901234, blob: null },
  { id: 'c', n: 3, score: 0, blob: new Uint8Array([255]) },
];

function sum(list: CopyRow[]): string {
  const checksum = new TableChecksum(columns);
  checksum.add(list);
  return checksum.value();
}

test('the order rows are read in does not change the checksum', () => {
  assert.equal(sum(rows), sum([...rows].reverse()));
});

test('a changed, missing or doubled row does', () => {
  const base = sum(rows);
  assert.notEqual(sum([{ ...rows[0], n: 2 } as CopyRow, ...rows.slice(1)]), base);
  assert.notEqual(sum(rows.slice(1)), base);
  assert.notEqual(sum([...rows, rows[0] as CopyRow]), base);
  // Two identical extra rows must not cancel out (as they would with XOR).
  assert.notEqual(sum([...rows, rows[0] as CopyRow, rows[0] as CopyRow]), base);
  // NULL, empty text and the text "n" are different values.
  assert.notEqual(sum([{ ...rows[1], n: 0 } as CopyRow]), sum([rows[1] as CopyRow]));
  assert.notEqual(
    sum([{ id: '', n: 1, score: 0, blob: null }]),
    sum([{ id: null, n: 1, score: 0, blob: null }]),
  );
});

test('floats compare at single precision, as PostgreSQL real keeps them', () => {
  const asFloat32 = { ...rows[1], score: Math.fround(1.2345678901234) } as CopyRow;
  assert.equal(sum([asFloat32]), sum([rows[1] as CopyRow]));
  assert.notEqual(sum([{ ...rows[1], score: 1.23457 } as CopyRow]), sum([rows[1] as CopyRow]));
});

test('bytes compare by content, whatever their view', () => {
  const buffer = { ...rows[2], blob: Buffer.from([255]) } as CopyRow;
  assert.equal(sum([buffer]), sum([rows[2] as CopyRow]));
});
