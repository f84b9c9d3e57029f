/**
 * Enforces the import rule (STYLE.md §1.2):
 *   core imports only core and node: modules; adapters import core (and libraries);
 *   interfaces import core, container and libraries; only container.ts imports adapters.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = resolve(import.meta.dirname, '../src');
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function layerOf(file: string): string {
  const rel = relative(SRC, file);
  const top = rel.includes('/') ? (rel.split('/')[0] ?? '') : rel;
  // The composition root is container.ts with its per-area wiring in container/.
  return top === 'container' ? 'container.ts' : top;
}

const violations: string[] = [];
for (const file of sourceFiles(SRC)) {
  const layer = layerOf(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? '';
    const rel = relative(SRC, file);
    if (!spec.startsWith('.')) {
      if (layer === 'core' && !spec.startsWith('node:'))
        violations.push(`${rel} imports package ${spec}`);
      continue;
    }
    const target = layerOf(resolve(dirname(file), spec));
    const allowed: Record<string, string[]> = {
      core: ['core'],
      adapters: ['adapters', 'core'],
      interfaces: ['interfaces', 'core', 'container.ts', 'config.ts', 'log.ts'],
      'container.ts': ['adapters', 'core', 'config.ts', 'log.ts', 'container.ts'],
    };
    const ok = allowed[layer]?.includes(target) ?? target !== 'adapters';
    if (!ok) violations.push(`${rel} (${layer}) imports ${spec} (${target})`);
  }
}

test('every import follows the layer rule', () => {
  assert.deepEqual(violations, []);
});

test('the rule finds the source tree', () => {
  assert.ok(sourceFiles(SRC).length > 20);
});
