/**
 * Copying a whole store to another engine (`paperboy store copy`): migrate the target, refuse
 * one that holds data (unless told to replace it), copy every table parents first in key-ordered
 * batches — each batch committed with the marker that says where the copy stands, so a copy
 * killed at any point resumes without doubling or losing a row — then compare every table's row
 * count and content checksum on both ends.
 */
import { createError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ProgressFactory } from '../progress.ts';
import type { Cell, CopyEnd, CopyMarker, CopyRow, CopyTable, CopyTarget } from './copy-ports.ts';
import { TableChecksum } from './table-checksum.ts';

export interface CopyStoreInput {
  source: CopyEnd;
  target: CopyTarget;
  /** Empty a target that holds data (or another copy's remains) instead of refusing. */
  force?: boolean;
  /** Rows per committed batch (fewer for wide tables, within the engines' parameter limits). */
  batchSize?: number;
  progress: ProgressFactory;
  log: Logger;
  now: () => Date;
}

export interface TableReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

export interface CopyReport {
  /** Whether an interrupted copy was continued. */
  resumed: boolean;
  /** Rows written by this run. */
  copied: number;
  tables: TableReport[];
  ok: boolean;
}

/** SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535. */
const MAX_PARAMETERS = 30_000;

export async function copyStore(input: CopyStoreInput): Promise<CopyReport> {
  const { source, target, log } = input;
  await target.migrate();
  const pending = await source.pendingMigrations();
  if (pending.length > 0) {
    throw createError(
      'conflict',
      `${source.label} has ${pending.length} migration(s) not applied (${pending.join(', ')}); run \`paperboy migrate\` on it first`,
    );
  }
  const sourceMarker = await source.marker();
  if (sourceMarker) {
    throw createError(
      'conflict',
      `${source.label} holds an unfinished copy from ${sourceMarker.source}; finish that copy (or redo it with --force) first`,
    );
  }
  const tables = await source.tables();
  await checkShapes(tables, await target.tables(), source.label, target.label);
  const { marker, resumed } = await startOrResume(input, tables);
  const copied = await copyTables(input, tables, marker);
  await target.finish(tables);
  const reports = await verify(input, tables);
  const ok = reports.every((r) => r.ok);
  if (ok) await target.dropMarker();
  log.info('store copy finished', { resumed, copied, ok, tables: tables.length });
  return { resumed, copied, tables: reports, ok };
}

/** Every source table must exist in the target with every column, or rows would be lost. */
async function checkShapes(
  source: CopyTable[],
  target: CopyTable[],
  from: string,
  to: string,
): Promise<void> {
  const byName = new Map(target.map((t) => [t.name, t]));
  const problems: string[] = [];
  for (const table of source) {
    const there = byName.get(table.name);
    if (!there) {
      problems.push(`table ${table.name} is missing`);
      continue;
    }
    const columns = new Set(there.columns.map((c) => c.name));
    const missing = table.columns.filter((c) => !columns.has(c.name)).map((c) => c.name);
    if (missing.length > 0) problems.push(`${table.name} lacks ${missing.join(', ')}`);
  }
  if (problems.length > 0) {
    throw createError(
      'conflict',
      `${to} cannot hold everything ${from} has (${problems.join('; ')}); are both on the same paperboy version?`,
    );
  }
}

async function startOrResume(
  input: CopyStoreInput,
  tables: CopyTable[],
): Promise<{ marker: CopyMarker; resumed: boolean }> {
  const { source, target, force, log } = input;
  const existing = await target.marker();
  if (existing && existing.source === source.label && !force) {
    log.info('resuming store copy', { table: existing.table, phase: existing.phase });
    return { marker: existing, resumed: true };
  }
  if (!force) {
    if (existing) {
      throw createError(
        'conflict',
        `${target.label} holds an unfinished copy from ${existing.source}, not from ${source.label}; add --force to empty it and copy again`,
      );
    }
    const counts: [string, number][] = [];
    for (const table of tables) counts.push([table.name, await target.count(table)]);
    // Fullest first: the tables that say what the target is.
    const holding = counts
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} (${n})`);
    if (holding.length > 0) {
      throw createError(
        'conflict',
        `${target.label} is not empty: ${holding.slice(0, 6).join(', ')}${holding.length > 6 ? ', …' : ''}; add --force to empty it first (everything in it is deleted)`,
      );
    }
  } else {
    log.warn('emptying the target before copying', { target: target.label });
    await target.clear(tables);
  }
  await target.forgetDerived();
  const marker: CopyMarker = {
    source: source.label,
    table: tables[0]?.name ?? null,
    phase: 'rows',
    after: null,
    startedAt: input.now().toISOString(),
  };
  await target.setMarker(marker);
  return { marker, resumed: false };
}

interface Step {
  table: CopyTable;
  phase: CopyMarker['phase'];
}

async function copyTables(
  input: CopyStoreInput,
  tables: CopyTable[],
  start: CopyMarker,
): Promise<number> {
  const { source, target } = input;
  const steps: Step[] = [
    ...tables.map((table) => ({ table, phase: 'rows' as const })),
    ...tables
      .filter((t) => t.selfRefs.length > 0)
      .map((table) => ({ table, phase: 'links' as const })),
  ];
  const first =
    start.table === null
      ? steps.length
      : steps.findIndex((s) => s.table.name === start.table && s.phase === start.phase);
  if (first < 0) {
    throw createError(
      'conflict',
      `the unfinished copy stopped at ${start.table} (${start.phase}), a table this version does not copy; add --force to copy again from the start`,
    );
  }
  let total = 0;
  let done = 0;
  for (const [i, step] of steps.entries()) {
    if (step.phase !== 'rows') continue;
    total += await source.count(step.table);
    if (i < first) done += await target.count(step.table);
  }
  const current = steps[first];
  if (current?.phase === 'rows') done += await target.count(current.table);
  const progress = input.progress(`copying to ${target.label}`, total);
  progress.advance(done);
  let copied = 0;
  try {
    for (let i = first; i < steps.length; i++) {
      const step = steps[i] as Step;
      const after = i === first ? start.after : null;
      const n = await copyStep(input, step, after, start, (k) => progress.advance(k));
      if (step.phase === 'rows') copied += n;
      const next = steps[i + 1];
      await target.setMarker({
        ...start,
        table: next?.table.name ?? null,
        phase: next?.phase ?? 'rows',
        after: null,
      });
    }
  } finally {
    progress.done(`${copied} rows copied`);
  }
  return copied;
}

/** Copies one step in batches; the next batch is read while the last one is written. */
async function copyStep(
  input: CopyStoreInput,
  step: Step,
  resumeAfter: Cell[] | null,
  base: CopyMarker,
  advance: (n: number) => void,
): Promise<number> {
  const { source, target, log } = input;
  const { table, phase } = step;
  const limit = Math.max(
    1,
    Math.min(input.batchSize ?? 1000, Math.floor(MAX_PARAMETERS / table.columns.length)),
  );
  let after = resumeAfter;
  let written = 0;
  let next = source.scan(table, after, limit);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    after = keyOf(table, rows[rows.length - 1] as CopyRow);
    next = source.scan(table, after, limit);
    const marker: CopyMarker = { ...base, table: table.name, phase, after };
    if (phase === 'rows') {
      await target.insert(
        table,
        rows.map((r) => withoutSelfRefs(table, r)),
        marker,
      );
      advance(rows.length);
    } else {
      const linked = rows.filter((r) => table.selfRefs.some((c) => r[c] !== null));
      await target.link(table, linked, marker);
    }
    written += rows.length;
    log.debug('batch copied', { table: table.name, phase, rows: rows.length });
  }
  // A scan started ahead of the end may still be running; let it settle before moving on.
  await next;
  log.info('table copied', { table: table.name, phase, rows: written });
  return written;
}

function keyOf(table: CopyTable, row: CopyRow): Cell[] {
  return table.key.map((k) => row[k] ?? null);
}

function withoutSelfRefs(table: CopyTable, row: CopyRow): CopyRow {
  if (table.selfRefs.length === 0) return row;
  const copy = { ...row };
  for (const column of table.selfRefs) copy[column] = null;
  return copy;
}

/** Counts and checksums every table on both ends. */
async function verify(input: CopyStoreInput, tables: CopyTable[]): Promise<TableReport[]> {
  const { source, target } = input;
  let total = 0;
  for (const table of tables) total += 2 * (await source.count(table));
  const progress = input.progress('verifying (rows read on both ends)', total);
  const reports: TableReport[] = [];
  try {
    for (const table of tables) {
      const [from, to] = [
        await checksum(source, table, progress.advance),
        await checksum(target, table, progress.advance),
      ];
      reports.push({
        table: table.name,
        sourceRows: from.rows,
        targetRows: to.rows,
        sourceChecksum: from.value(),
        targetChecksum: to.value(),
        ok: from.value() === to.value(),
      });
    }
  } finally {
    progress.done(`${reports.filter((r) => r.ok).length} of ${tables.length} tables match`);
  }
  return reports;
}

async function checksum(
  end: CopyEnd,
  table: CopyTable,
  advance: (n: number) => void,
): Promise<TableChecksum> {
  const sum = new TableChecksum(table.columns);
  const limit = Math.max(1, Math.min(2000, Math.floor(MAX_PARAMETERS / table.columns.length)));
  let after: Cell[] | null = null;
  for (;;) {
    const rows = await end.scan(table, after, limit);
    if (rows.length === 0) return sum;
    sum.add(rows);
    advance(rows.length);
    after = keyOf(table, rows[rows.length - 1] as CopyRow);
  }
}
