/**
 * `paperboy doctor`: check config, store (engine, versions, migrations, engine features), bundled
 * files and embeddings; ✓/✗ per line, exit code 1 when anything fails.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../../config.ts';
import { type Container, DEMO_CORPUS_PATH } from '../../../container.ts';
import type { Check } from '../../../core/store/ports.ts';
import { silentLogger } from '../../../log.ts';
import { addConfigOptions, ExitError, typedFlags, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'health' | 'search' | 'models'>;

export function registerDoctor(program: Command, io: CliIo): void {
  addConfigOptions(program.command('doctor'))
    .description('Check configuration, store, migrations, bundled files and embeddings')
    .action(async (_opts, command: Command) => {
      const result = loadConfig(io.env, typedFlags(command));
      if (!result.ok) {
        io.out('✗ config');
        for (const p of result.problems) io.out(`    ${p}`);
        throw new ExitError(1);
      }
      io.out(`✓ config (data dir ${result.config.dataDir})`);
      let failed = false;
      try {
        const checks = await withContainer(result.config, silentLogger, doctorChecks, {
          migrate: false,
        });
        for (const check of checks) {
          io.out(`${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}`);
          failed ||= !check.ok;
        }
      } catch (error) {
        io.out(`✗ store: ${error instanceof Error ? error.message : String(error)}`);
        failed = true;
      }
      if (failed) throw new ExitError(1);
    });
}

/** The store's own checks, the bundled demo corpus, and how far embedding has got. */
export async function doctorChecks(c: Uses): Promise<Check[]> {
  const store = await c.health.checks();
  const demo: Check = existsSync(DEMO_CORPUS_PATH)
    ? { name: 'demo corpus', ok: true, detail: DEMO_CORPUS_PATH }
    : {
        name: 'demo corpus',
        ok: false,
        detail: `missing: ${DEMO_CORPUS_PATH} (run npm run demo:build)`,
      };
  const migrated = store.every((check) => check.name !== 'migrations' || check.ok);
  const vectors = c.search.vectors;
  if (!vectors || !migrated) return [...store, demo];
  const embeddings = await vectors.coverage().then(
    ({ embedded, papers }): Check => ({
      name: 'embeddings',
      ok: true,
      detail: `${embedded} of ${papers} papers have ${vectors.modelId} vectors${
        embedded < papers ? ' (the worker embeds the rest; search answers meanwhile)' : ''
      }`,
    }),
    (error: unknown): Check => ({ name: 'embeddings', ok: false, detail: String(error) }),
  );
  const target = await c.models.target().catch(() => null);
  if (!target || target.index === vectors) return [...store, demo, embeddings];
  const { embedded, papers } = await target.index.coverage();
  const switching: Check = {
    name: 'model switch',
    ok: true,
    detail: `moving to ${target.ref.modelId}: ${embedded} of ${papers} papers re-embedded; search uses ${vectors.modelId} until all are`,
  };
  return [...store, demo, embeddings, switching];
}
