/**
 * `paperboy store copy --to postgres://…` (or `--from postgres://…` back into the SQLite file in
 * the data dir): moving a box to the other engine, resumable, verified table by table.
 */
import type { Command } from 'commander';
import { openStoreCopy } from '../../../container.ts';
import { systemClock } from '../../../core/clock.ts';
import { createError } from '../../../core/errors.ts';
import { copyStore } from '../../../core/store/copy-store.ts';
import { addConfigOptions, configOrExit, ExitError, loggerFor, typedFlags } from '../context.ts';
import type { CliIo } from '../io.ts';
import { createProgressFactory } from '../progress.ts';

interface CopyOptions {
  to?: string;
  from?: string;
  force?: boolean;
  batchSize: string;
}

export function registerStore(program: Command, io: CliIo): void {
  const store = program
    .command('store')
    .description('The store as a whole: copy it to another engine');
  addConfigOptions(store.command('copy'))
    .description(
      'Copy the whole store to PostgreSQL (--to) or from PostgreSQL into the SQLite file in the data dir (--from); resumes when interrupted, verifies every table',
    )
    .option('--to <url>', 'PostgreSQL database to copy this store into (postgres://…)')
    .option('--from <url>', 'PostgreSQL database to copy into the SQLite file in the data dir')
    .option('--force', 'empty a target that holds data first (everything in it is deleted)')
    .option('--batch-size <n>', 'rows per committed batch', '1000')
    .action(async (opts: CopyOptions, command: Command) => {
      const config = configOrExit(io, typedFlags(command));
      const log = loggerFor(config, io);
      if ((opts.to === undefined) === (opts.from === undefined)) {
        throw createError('invalid_input', 'give exactly one of --to <url> or --from <url>');
      }
      const batchSize = Number(opts.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        throw createError('invalid_input', `--batch-size must be 1–10000, got "${opts.batchSize}"`);
      }
      const ends = await openStoreCopy(
        config,
        opts.to !== undefined ? { to: opts.to } : { from: opts.from ?? '' },
      );
      const started = Date.now();
      try {
        io.out(`Copying ${ends.source.label} → ${ends.target.label}`);
        const report = await copyStore({
          source: ends.source,
          target: ends.target,
          force: opts.force === true,
          batchSize,
          progress: createProgressFactory(log),
          log,
          now: () => systemClock.now(),
        });
        const seconds = (Date.now() - started) / 1000;
        for (const t of report.tables) {
          const mark = t.ok ? '✓' : '✗';
          const counts =
            t.sourceRows === t.targetRows
              ? `${t.sourceRows} rows`
              : `${t.sourceRows} rows in the source, ${t.targetRows} in the target`;
          const sums = t.ok ? t.sourceChecksum.split(':')[1]?.slice(0, 12) : 'checksums differ';
          io.out(`${mark} ${t.table}: ${counts} (${sums})`);
        }
        const rows = report.tables.reduce((n, t) => n + t.sourceRows, 0);
        io.out(
          `${report.ok ? 'Copied and verified' : 'Copied, but verification FAILED for'} ${
            report.ok
              ? `${report.tables.length} tables, ${rows} rows`
              : report.tables
                  .filter((t) => !t.ok)
                  .map((t) => t.table)
                  .join(', ')
          } in ${seconds.toFixed(1)} s${report.resumed ? ' (resumed)' : ''}; ${report.copied} rows written by this run (${Math.round(report.copied / Math.max(seconds, 0.001))}/s).`,
        );
        if (!report.ok) throw new ExitError(1);
        if (opts.from !== undefined) {
          io.out(
            'Run `paperboy optimize` to build the keyword index statistics of the SQLite store.',
          );
        }
      } finally {
        await ends.close();
      }
    });
}
