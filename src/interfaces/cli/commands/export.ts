/**
 * `paperboy export [file]`: every stored paper as one line of our JSONL format (what `import`
 * reads), in id order — to stdout, or to a file (gzip'd when it ends in .gz).
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { exportPapers } from '../../../core/papers/export-papers.ts';
import { addConfigOptions, commandSetup, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerExport(program: Command, io: CliIo): void {
  addConfigOptions(program.command('export [file]'))
    .description(
      'Write every paper as paperboy JSONL (stdout, or a file — better for large stores; .gz compresses)',
    )
    .action(async (file: string | undefined, _opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const count = await withContainer(config, log, async (c) => {
        let n = 0;
        async function* lines() {
          for await (const paper of exportPapers(c.papers)) {
            n++;
            yield `${JSON.stringify(paper)}\n`;
          }
        }
        if (!file) {
          for await (const line of lines()) io.out(line.slice(0, -1));
          return n;
        }
        const out = createWriteStream(file);
        if (file.endsWith('.gz')) await pipeline(lines(), createGzip(), out);
        else await pipeline(lines(), out);
        return n;
      });
      if (file) io.err(`exported ${count} papers to ${file}`);
    });
}
