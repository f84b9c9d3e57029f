/**
 * The import rule (docs/DESIGN.md "Layers") is checked three ways: dependency-cruiser over the module
 * graph (.dependency-cruiser.mjs, `npm run lint:imports`), a Biome override that keeps process and
 * other globals out of core (biome.json), and test/source-rules.ts for what is not an import edge.
 * This test plants one violation per rule in a temp tree and proves each rule fires on it, and only
 * there; then it runs the source rules over the real tree (the other two run in `npm test` already).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { sourceViolations } from './source-rules.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** A small app that keeps every rule, then one file (or line) per way around each rule. */
const TREE: Record<string, string> = {
  'src/core/model.ts': `import { createHash } from 'node:crypto';
export const paperKey = (id: string) => createHash('sha256').update(id).digest('hex');`,
  'src/core/model.test.ts': `import { readFileSync } from 'node:fs';\nexport const fixture = () => readFileSync('x');`,
  'src/adapters/db.ts': `import Database from 'better-sqlite3';
import { paperKey } from '../core/model.ts';
export class Db { open = () => new Database(paperKey(':memory:')); }`,
  'src/adapters/db2.ts': `export class Db2 {}`,
  'src/config.ts': `export const config = { port: 8080 };`,
  'src/log.ts': `export const log = (msg: string) => msg;`,
  'src/container.ts': `import { Db } from './adapters/db.ts';
import { config } from './config.ts';
export const createContainer = () => ({ db: new Db(), config });
export { Db2 } from './adapters/db2.ts';
export { Db };`,
  'src/interfaces/http.ts': `import { createContainer } from '../container.ts';
import { paperKey } from '../core/model.ts';
import { log } from '../log.ts';
export const serve = () => log(paperKey(String(createContainer().config.port)));`,
  'src/main.ts': `import { serve } from './interfaces/http.ts';\nimport './adapters/db2.ts';\nserve();`,
  'test/fixture.ts': `export const fixture = 1;`,
  // The seven ways past the old regex rule:
  'src/interfaces/side-effect.ts': `import '../adapters/db.ts';`,
  'src/core/template-import.ts': 'export const load = () => import(`../adapters/db.ts`);',
  'src/core/computed-import.ts': `export const load = (n: string) => import(\`../adapters/\${n}.ts\`);`,
  'src/interfaces/create-require.ts': `import { createRequire } from 'node:module';
export const db = createRequire(import.meta.url)('../adapters/db.ts');`,
  'src/core/read-file.ts': `import { readFileSync } from 'node:fs';\nexport const read = () => readFileSync('x');`,
  'src/core/read-env.ts': 'export const home = () => process.env.HOME;',
  'src/interfaces/raw-sqlite.ts': `import Database from 'better-sqlite3';
export const open = () => new Database(':memory:');`,
  'src/interfaces/uses-test.ts': `import { fixture } from '../../test/fixture.ts';
import { fixture as other } from '../core/model.test.ts';
export const both = [fixture, other];`,
  // And the plain layer rules:
  'src/adapters/uses-interface.ts': `import { serve } from '../interfaces/http.ts';\nexport const s = serve;`,
  'src/core/uses-package.ts': `import { z } from 'zod';\nexport const schema = z.string();`,
  'src/core/missing.ts': `import { gone } from './gone.ts';\nexport const g = gone;`,
};

const EXPECTED = [
  'core-only-core src/core/missing.ts',
  'core-only-core src/core/template-import.ts',
  'core-only-core src/core/uses-package.ts',
  'core-pure-node-modules src/core/read-file.ts',
  'adapters-only-core src/adapters/uses-interface.ts',
  'interfaces-through-container src/interfaces/side-effect.ts',
  'only-container-imports-adapters src/core/template-import.ts',
  'only-container-imports-adapters src/interfaces/side-effect.ts',
  'only-container-imports-adapters src/main.ts',
  'no-adapter-libraries-outside-adapters src/interfaces/raw-sqlite.ts',
  'container-exports-no-adapter src/container.ts',
  'no-create-require src/interfaces/create-require.ts',
  'no-test-code-in-src src/interfaces/uses-test.ts',
  'not-to-unresolvable src/core/missing.ts',
  // Biome (biome.json override on src/core):
  'lint/style/noRestrictedGlobals src/core/read-env.ts',
  // test/source-rules.ts:
  'no-computed-import src/core/computed-import.ts',
  'container-reexports-adapter src/container.ts',
].sort();

const dir = mkdtempSync(join(tmpdir(), 'paperboy-architecture-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function plant(): void {
  for (const [path, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), `${text}\n`);
  }
  for (const file of ['package.json', 'tsconfig.json', 'biome.json'])
    copyFileSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

function run(bin: string, args: string[]): string {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', bin), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.ok(result.stdout.trim().startsWith('{'), `${bin}: ${result.stderr}`);
  return result.stdout;
}

/** Violations as "rule file", and the names of all rules the config defines. */
function cruise(): { violations: string[]; rules: string[] } {
  const out = JSON.parse(
    run('dependency-cruiser/bin/dependency-cruise.mjs', [
      'src',
      '--config',
      join(ROOT, '.dependency-cruiser.mjs'),
      '--output-type',
      'json',
    ]),
  ) as {
    summary: {
      violations: { rule: { name: string }; from: string }[];
      ruleSetUsed: { forbidden: { name: string }[] };
    };
  };
  return {
    violations: out.summary.violations.map((v) => `${v.rule.name} ${v.from}`),
    rules: out.summary.ruleSetUsed.forbidden.map((rule) => rule.name),
  };
}

function biomeViolations(): string[] {
  const out = JSON.parse(
    run('@biomejs/biome/bin/biome', [
      'lint',
      '--vcs-enabled=false',
      '--only=style/noRestrictedGlobals',
      '--reporter=json',
      'src',
    ]),
  ) as { diagnostics: { category: string; location: { path: string } }[] };
  return out.diagnostics.map((d) => `${d.category} ${d.location.path}`);
}

test('each import rule fires on its planted violation, and nowhere else', () => {
  plant();
  const graph = cruise();
  const found = new Set([
    ...graph.violations,
    ...biomeViolations(),
    ...sourceViolations(dir).map((v) => `${v.rule} ${v.file}`),
  ]);
  assert.deepEqual([...found].sort(), EXPECTED);
  const planted = new Set(EXPECTED.map((line) => line.split(' ')[0]));
  for (const rule of graph.rules) assert.ok(planted.has(rule), `no planted violation for ${rule}`);
});

test('the source tree keeps the rules the module graph cannot show', () => {
  assert.deepEqual(sourceViolations(ROOT), []);
});
