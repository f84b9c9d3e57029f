/**
 * Rows to domain objects and back, for tables whose columns are a domain type's fields in
 * snake_case: one checked mapping instead of a hand-written line per column. Queries stay
 * snake_case (why not Kysely's CamelCasePlugin: docs/DESIGN.md, "Rows and domain objects").
 */
import type { UsersTable } from './schema.ts';

type Camel<S extends string> = S extends `${infer H}_${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;
type Snake<S extends string> = S extends `${infer C}${infer R}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${Snake<R>}`
  : S;
type CamelKeys<R> = { [K in keyof R & string as Camel<K>]: R[K] };
type SnakeKeys<D> = { [K in keyof D & string as Snake<K>]: D[K] };
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;
/** The fields of `To` whose value in `From` (same keys) has another type: the caller converts them. */
type Converted<From, To> = {
  [K in keyof To as K extends keyof From ? (From[K] extends To[K] ? never : K) : K]: To[K];
};
/** `convert` supplies exactly the fields stored in another form (casts, JSON, 0/1 flags). */
type Convert<From, To, Row> =
  SameKeys<From, To> extends true
    ? keyof Converted<From, To> extends never
      ? []
      : [convert: (row: Row) => Converted<From, To>]
    : [columns_and_fields_differ: never];

/**
 * A mapper from rows of R to D. Compiles only when R's columns are exactly D's fields (a
 * select-all row can carry no column, say a password hash, into the object unnoticed).
 */
export function fromRow<D extends object, R extends object>(
  ...[convert]: Convert<CamelKeys<R>, D, R>
): (row: R) => D {
  return (row) => ({ ...renameKeys(row, camelName), ...convert?.(row) }) as D;
}

/** A mapper from D to rows of R (the inverse of fromRow, under the same check). */
export function toRow<R extends object, D extends object>(
  ...[convert]: Convert<SnakeKeys<D>, R, D>
): (value: D) => R {
  return (value) => ({ ...renameKeys(value, snakeName), ...convert?.(value) }) as R;
}

/** A comment's or collection's author, from the joined users columns. */
export function ownerOf(r: { user_id: string } & Pick<UsersTable, 'handle' | 'display_name'>) {
  return { id: r.user_id, handle: r.handle, displayName: r.display_name };
}

function camelName(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function snakeName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function renameKeys(value: object, rename: (key: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[rename(key)] = v;
  return out;
}
