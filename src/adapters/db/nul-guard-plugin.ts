/**
 * One rule for text on both engines: no NUL character (U+0000). PostgreSQL cannot store it in
 * text ("invalid byte sequence for encoding UTF8: 0x00") while SQLite keeps it, so a value one
 * engine accepts would fail on the other (and a store copied from SQLite would not load). This
 * Kysely plugin, installed on both stores, refuses such a value before it reaches either, with
 * an error that says what to fix. Sources strip NULs on the way in (adapters/sources/normalize.ts).
 */
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { createError } from '../../core/errors.ts';

export class NulGuardPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    checkNode(args.node);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Walks the query's nodes (without copying them) and throws on a text value holding a NUL. */
function checkNode(node: OperationNode): void {
  const record = node as unknown as Record<string, unknown>;
  if (node.kind === 'ValueNode') {
    checkValue(record.value);
    return;
  }
  if (node.kind === 'PrimitiveValueListNode') {
    for (const value of record.values as unknown[]) checkValue(value);
    return;
  }
  for (const child of Object.values(record)) {
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) checkNode(item);
    } else if (isNode(child)) {
      checkNode(child);
    }
  }
}

function isNode(value: unknown): value is OperationNode {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

function checkValue(value: unknown): void {
  // An array value: PostgreSQL's batched insert passes each column as one array (insert-rows.ts).
  if (Array.isArray(value)) {
    for (const item of value) checkValue(item);
    return;
  }
  if (typeof value === 'string' && value.includes('\u0000')) {
    const at = value.indexOf('\u0000');
    throw createError(
      'invalid_input',
      `text contains a NUL character (U+0000) at position ${at} ("${value.slice(Math.max(0, at - 20), at)}…"); the store cannot keep it — remove it and try again`,
    );
  }
}
