/**
 * Every migration, in order. Names sort in the order they must run; add new ones at the end.
 */
import type { Migration } from 'kysely';
import * as init from './0001-init.ts';

export const migrations: Record<string, Migration> = {
  '0001-init': init,
};
