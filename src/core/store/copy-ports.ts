/**
 * Ports for copying a whole store to another engine (`paperboy store copy`): each end shows its
 * tables in one engine-neutral form — rows of text, numbers and bytes, vectors as float32 bytes —
 * so the copy, its resume point and its checksums are worked out once, in core.
 */

/** One value of a row, as both engines can hold it. */
export type Cell = string | number | Uint8Array | null;

/** A row keyed by column name. */
export type CopyRow = Record<string, Cell>;

/** How a column's values compare: floats at single precision (PostgreSQL's `real`). */
export type CellKind = 'text' | 'integer' | 'real' | 'bytes';

export interface CopyColumn {
  name: string;
  kind: CellKind;
}

/** A table to copy, as one end holds it. */
export interface CopyTable {
  name: string;
  /** Every column, in a fixed order. */
  columns: CopyColumn[];
  /** The primary key's columns (rows are read in key order and resumed after a key). */
  key: string[];
  /** Columns that reference this same table (copied as null first, then linked). */
  selfRefs: string[];
}

/** Where an interrupted copy stands, kept in the target with every batch it commits. */
export interface CopyMarker {
  /** The source's label: a copy resumes only from the store it started from. */
  source: string;
  /** The table being copied, or null when every table is copied (verification left). */
  table: string | null;
  /** `rows`: inserting the table's rows; `links`: setting its self-references. */
  phase: 'rows' | 'links';
  /** The key of the last row committed in this step, or null at the step's start. */
  after: Cell[] | null;
  startedAt: string;
}

/** A store as the copy reads it. */
export interface CopyEnd {
  /** Engine and place, without credentials, for messages (also the source's identity). */
  label: string;
  /** The tables to copy, parents before children; engine-derived tables are left out. */
  tables(): Promise<CopyTable[]>;
  /** Migrations not yet applied here. */
  pendingMigrations(): Promise<string[]>;
  count(table: CopyTable): Promise<number>;
  /** Up to `limit` rows in key order, after the key `after` (from the start when null). */
  scan(table: CopyTable, after: Cell[] | null, limit: number): Promise<CopyRow[]>;
  /** The marker of an unfinished copy into this store, if any. */
  marker(): Promise<CopyMarker | null>;
}

/** A store the copy writes. Every write commits its rows and the new marker together. */
export interface CopyTarget extends CopyEnd {
  migrate(): Promise<void>;
  /** Removes every row of the copied tables (and what the engine derives from them). */
  clear(tables: CopyTable[]): Promise<void>;
  /** Files or state derived from an earlier store at this place, dropped before a fresh copy. */
  forgetDerived(): Promise<void>;
  setMarker(marker: CopyMarker): Promise<void>;
  insert(table: CopyTable, rows: CopyRow[], marker: CopyMarker): Promise<void>;
  /** Sets the self-reference columns of rows already inserted (key columns identify them). */
  link(table: CopyTable, rows: CopyRow[], marker: CopyMarker): Promise<void>;
  /** After the last row: the engine's sequences and statistics. */
  finish(tables: CopyTable[]): Promise<void>;
  dropMarker(): Promise<void>;
}
