/**
 * `paperboy import <file>`: load papers from our JSONL format (plain or .gz). Bad lines are reported
 * with their line number and skipped; re-importing the same file changes nothing.
 */
import type { Command } from 'commander';
import { importPapers, summarizeImport } from '../../../core/papers/import-papers.ts';
import {
  addConfigOptions,
  configOrExit,
  ExitError,
  loggerFor,
  typedFlags,
  withContainer,
} from '../context.ts';
import type { CliIo } from '../io.ts';
import { createProgressFactory } from '../progress.ts';

/** Rejected lines printed in full before the rest are only counted. */
const SHOWN_REJECTIONS = 20;

export function registerImport(program: Command, io: CliIo): void {
  addConfigOptions(program.command('import <file>'))
    .description('Import papers from a paperboy JSONL file (.jsonl or .jsonl.gz)')
    .action(async (file: string, _opts, command: Command) => {
      const config = configOrExit(io, typedFlags(command));
      const log = loggerFor(config, io);
      const report = await withContainer(config, log, (c) =>
        importPapers(c.readPaperFile(file), c.papers, {
          label: `import ${file}`,
          progress: createProgressFactory(log),
          afterBatch: (ids) => c.embeddingQueue.enqueue(ids),
        }),
      );
      for (const r of report.rejected.slice(0, SHOWN_REJECTIONS))
        io.err(`✗ ${file}:${r.line}: ${r.error}`);
      if (report.rejected.length > SHOWN_REJECTIONS) {
        io.err(`… and ${report.rejected.length - SHOWN_REJECTIONS} more rejected lines`);
      }
      io.out(summarizeImport(report));
      if (report.read > 0 && report.rejected.length === report.read) throw new ExitError(1);
    });
}
