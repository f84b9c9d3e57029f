/**
 * `paperboy sources`: every configured source with its schedule (next run, last success, last
 * error, consecutive errors) and where its harvest stands (cursor), plus the cursors of one-off
 * ingests (snapshot files, imports). `--run` makes every configured source due now.
 */
import type { Command } from 'commander';
import type { SourceCursor } from '../../../core/ingest/ports.ts';
import { harvestJobName } from '../../worker/jobs/harvest-sources.ts';
import { addConfigOptions, commandSetup, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerSources(program: Command, io: CliIo): void {
  addConfigOptions(program.command('sources'))
    .description('Show sources: schedule, last success, last error and harvest position')
    .option('--run', 'Make every configured source due now (the worker picks them up)')
    .action(async (opts: { run?: boolean }, command: Command) => {
      const { config, log } = commandSetup(io, command);
      await withContainer(config, log, async (c) => {
        const configured = c.sources.configured();
        const cursors = await c.ingest.listCursors();
        const shown = new Set<string>();
        if (configured.length === 0) {
          io.out('No scheduled sources (set PAPERBOY_SOURCES, e.g. "arxiv:cs,hf").');
        }
        for (const source of configured) {
          const name = harvestJobName(source);
          if (opts.run) {
            await c.schedules.register([name], c.clock.now());
            await c.schedules.trigger(name, c.clock.now());
          }
          const s = await c.schedules.get(name);
          const cursor = cursors.find((k) => k.source === source.name && k.set === source.set);
          if (cursor) shown.add(`${cursor.source}\u0000${cursor.set}`);
          io.out(`${name}`);
          io.out(
            `  next run:      ${s?.leaseOwner ? `running on ${s.leaseOwner}` : (s?.nextRunAt ?? 'when the worker starts')}`,
          );
          io.out(`  last success:  ${s?.lastSuccessAt ?? 'never'}`);
          io.out(
            `  last error:    ${s?.lastError ? `${s.lastError} (${s.errorCount} in a row)` : 'none'}`,
          );
          io.out(`  error count:   ${s?.errorCount ?? 0}`);
          io.out(`  position:      ${describe(cursor)}`);
        }
        const others = cursors.filter((k) => !shown.has(`${k.source}\u0000${k.set}`));
        if (others.length > 0) io.out('Other ingests:');
        for (const k of others) io.out(`  ${k.source} ${k.set || '(all)'}: ${describe(k)}`);
      });
    });
}

function describe(cursor: SourceCursor | undefined): string {
  if (!cursor) return 'not harvested yet';
  return `${cursor.pages} page(s), ${cursor.records} record(s), last commit ${cursor.updatedAt}; ${position(cursor.state)}`;
}

/** A short reading of an adapter's cursor state. */
function position(state: string): string {
  try {
    const s = JSON.parse(state) as Record<string, unknown>;
    if ('token' in s) {
      return s.token
        ? `harvesting window from ${s.from ?? 'the start'}, next token ${String(s.token)}`
        : `next harvest from ${s.from ?? 'the start'}`;
    }
    if ('lastDay' in s) {
      const retry =
        Array.isArray(s.retry) && s.retry.length > 0 ? `, to retry: ${s.retry.join(' ')}` : '';
      return `last day ${s.lastDay ?? 'none'}${retry}`;
    }
    if ('line' in s)
      return s.complete ? `complete (${s.line} lines)` : `stopped after line ${s.line}`;
  } catch {
    // fall through
  }
  return state.slice(0, 80);
}
