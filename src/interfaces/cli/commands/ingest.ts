/**
 * `paperboy ingest arxiv|hf|snapshot` and `paperboy import`: harvest a source or load a file, page
 * by page, each page committed with its cursor — so an interrupted run resumes where it stopped.
 * Progress on stderr (a bar on a terminal), then one summary line: new / updated / unchanged /
 * rejected.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Container } from '../../../container.ts';
import { ingestSource } from '../../../core/ingest/ingest-source.ts';
import type { Source } from '../../../core/ingest/ports.ts';
import { isTruncation, summarizeImport } from '../../../core/papers/import-papers.ts';
import { addConfigOptions, commandSetup, ExitError, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';
import { createProgressFactory } from '../progress.ts';

/** Rejected records printed in full before the rest are only counted. */
const SHOWN_REJECTIONS = 20;

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a day as YYYY-MM-DD, e.g. 2026-08-01');
  }
  return value;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** Runs one source to the end and prints what happened. */
async function runIngest(
  io: CliIo,
  command: Command,
  label: string,
  build: (c: Container) => Source,
): Promise<void> {
  const { config, log } = commandSetup(io, command);
  const restart = command.opts().restart === true;
  const report = await withContainer(config, log, async (c) => {
    const source = build(c);
    if (restart) await c.ingest.resetCursor(source.name, source.set);
    return ingestSource({
      source,
      store: c.ingest,
      label,
      log,
      progress: createProgressFactory(log),
    });
  });
  for (const r of report.rejected.slice(0, SHOWN_REJECTIONS)) {
    io.err(`✗ ${label}${r.line > 0 ? `:${r.line}` : ''}: ${r.error}`);
  }
  if (report.rejected.length > SHOWN_REJECTIONS) {
    io.err(`… and ${report.rejected.length - SHOWN_REJECTIONS} more rejected records`);
  }
  io.out(summarizeImport(report));
  const cut = report.rejected.find(isTruncation);
  if (cut) {
    io.err(
      `✗ ${label} ended early: lines 1–${cut.line - 1} were read and imported, nothing after them; fix or re-download the file and run again (it resumes)`,
    );
    throw new ExitError(1);
  }
  if (report.read > 0 && report.rejected.length === report.read) throw new ExitError(1);
}

const restartOption = new Option('--restart', 'Forget where the last run stopped and start over');

export function registerIngest(program: Command, io: CliIo): void {
  const ingest = program
    .command('ingest')
    .description('Harvest papers from a source (arxiv, hf) or load a snapshot file');

  addConfigOptions(ingest.command('arxiv'))
    .description('Harvest arXiv over OAI-PMH (resumes where the last run stopped)')
    .option('--set <set>', 'OAI set, e.g. cs, math, physics:hep-th (default: all of arXiv)', '')
    .option('--from <day>', 'First datestamp, YYYY-MM-DD (default: where the last run ended)', day)
    .option('--until <day>', 'Last datestamp, YYYY-MM-DD', day)
    .addOption(
      new Option('--format <prefix>', 'OAI metadata format')
        .choices(['arXiv', 'arXivRaw', 'oai_dc'])
        .default('arXiv'),
    )
    .addOption(restartOption)
    .action(async (opts, command: Command) => {
      const o = opts as { set: string; from?: string; until?: string; format: 'arXiv' };
      await runIngest(io, command, `arxiv ${o.set || 'all'}`, (c) =>
        c.sources.arxivOai({
          set: o.set,
          metadataPrefix: o.format,
          ...(o.from ? { from: o.from } : {}),
          ...(o.until ? { until: o.until } : {}),
        }),
      );
    });

  addConfigOptions(ingest.command('arxiv-search <query>'))
    .description(
      'Import the results of an arXiv API search, newest first (e.g. "cat:cs.IR AND abs:rerank")',
    )
    .option('--max <n>', 'Most results to import', positive, 1000)
    .addOption(restartOption)
    .action(async (query: string, opts, command: Command) => {
      const o = opts as { max: number };
      await runIngest(io, command, `arxiv search ${query}`, (c) =>
        c.sources.arxivSearch({ query, max: o.max }),
      );
    });

  addConfigOptions(ingest.command('hf'))
    .description('Import Hugging Face Daily Papers days (upvotes, comments, AI summaries, links)')
    .option('--from <day>', 'First day, YYYY-MM-DD (default: shortly before the last run)', day)
    .option('--to <day>', 'Last day, YYYY-MM-DD (default: today)', day)
    .addOption(restartOption)
    .action(async (opts, command: Command) => {
      const o = opts as { from?: string; to?: string };
      await runIngest(io, command, 'hf daily papers', (c) =>
        c.sources.hfDaily({ ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) }),
      );
    });

  addConfigOptions(ingest.command('snapshot <file>'))
    .description('Load the Kaggle arXiv metadata snapshot (.json or .json.gz lines), streamed')
    .option('--batch-size <n>', 'Records per transaction', positive, 1000)
    .addOption(restartOption)
    .action(async (file: string, opts, command: Command) => {
      const o = opts as { batchSize: number };
      await runIngest(io, command, file, (c) => c.sources.snapshot(file, o));
    });

  ingest.commands.forEach((c) => {
    c.exitOverride();
  });

  addConfigOptions(program.command('import <file>'))
    .description('Import papers from a paperboy JSONL file (.jsonl or .jsonl.gz, see `export`)')
    .option('--batch-size <n>', 'Records per transaction', positive, 500)
    .addOption(restartOption)
    .action(async (file: string, opts, command: Command) => {
      const o = opts as { batchSize: number };
      await runIngest(io, command, file, (c) => c.sources.paperJsonl(file, o));
    });
}
