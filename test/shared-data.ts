/**
 * Where ../shared/data is (the captures and corpora beside the repository; CI lays a copy there):
 * PAPERBOY_SHARED_DATA, else ../shared/data, else ../../shared/data (a git worktree one level down).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** The shared data directory, or null when this checkout has none beside it. */
export function sharedDataDir(): string | null {
  const candidates = [
    process.env.PAPERBOY_SHARED_DATA,
    resolve(ROOT, '../shared/data'),
    resolve(ROOT, '../../shared/data'),
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  return candidates.find((p) => existsSync(p)) ?? null;
}
