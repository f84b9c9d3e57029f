/**
 * A table's content checksum, computed the same way whichever engine holds it: every row is
 * written out canonically (columns in a fixed order, floats at single precision, bytes as hex)
 * and hashed; the row hashes are summed, so the order rows are read in does not matter — each
 * engine orders text keys by its own collation — while a missing, changed or doubled row does.
 */
import { createHash } from 'node:crypto';
import type { Cell, CopyColumn, CopyRow } from './copy-ports.ts';

const MOD = 1n << 128n;

export class TableChecksum {
  private sum = 0n;
  rows = 0;

  constructor(private readonly columns: CopyColumn[]) {}

  add(rows: CopyRow[]): void {
    for (const row of rows) {
      const digest = createHash('sha256').update(canonicalRow(this.columns, row)).digest();
      this.sum =
        (this.sum + digest.readBigUInt64BE(0) * (1n << 64n) + digest.readBigUInt64BE(8)) % MOD;
      this.rows++;
    }
  }

  /** The rows' count and summed hashes, as hex. */
  value(): string {
    return `${this.rows}:${this.sum.toString(16).padStart(32, '0')}`;
  }
}

/** One row as text: `kind:value` per column, separated by a unit separator. */
export function canonicalRow(columns: CopyColumn[], row: CopyRow): string {
  return columns.map((c) => canonicalCell(c.kind, row[c.name] ?? null)).join('\u001f');
}

function canonicalCell(kind: CopyColumn['kind'], value: Cell): string {
  if (value === null) return 'n';
  if (value instanceof Uint8Array) return `b${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'number') {
    // PostgreSQL's `real` keeps 24 bits of mantissa; SQLite's REAL keeps 53.
    return kind === 'real' ? `f${Math.fround(value)}` : `i${value}`;
  }
  return `s${value}`;
}
