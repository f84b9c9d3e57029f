/**
 * `paperboy add <id|url>...`: fetch papers from the arXiv API and merge them into the store
 * (new papers are queued for embedding). Exits 1 when any input was not found or not an id.
 */
import type { Command } from 'commander';
import { addPapers } from '../../../core/papers/add-papers.ts';
import { addConfigOptions, commandSetup, ExitError, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerAdd(program: Command, io: CliIo): void {
  addConfigOptions(program.command('add <ids...>'))
    .description('Add papers by arXiv id or URL (e.g. 2401.01234, hep-th/9901001, arxiv.org/abs/…)')
    .action(async (ids: string[], _opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const report = await withContainer(config, log, (c) =>
        addPapers({
          inputs: ids,
          fetcher: c.paperFetcher,
          repo: c.papers,
          commit: (papers) => c.ingest.commitPage(papers, null),
        }),
      );
      const changed = new Set(report.outcome.changedIds);
      for (const p of report.papers) {
        const state = changed.has(p.id) ? 'added/updated' : 'unchanged';
        io.out(`✓ ${p.id}${p.version ? `v${p.version}` : ''} ${state}: ${p.title}`);
      }
      for (const input of report.invalid) io.err(`✗ "${input}" is not an arXiv id or URL`);
      for (const id of report.missing) io.err(`✗ ${id}: arXiv has no paper with this id`);
      const o = report.outcome;
      io.out(
        `${ids.length} requested: ${o.inserted} new, ${o.updated} updated, ${o.unchanged} unchanged, ${report.invalid.length + report.missing.length} rejected`,
      );
      if (report.invalid.length + report.missing.length > 0) throw new ExitError(1);
    });
}
