/**
 * `paperboy model …`: the self-trained static embedding model.
 *   model train [--dim --lexical-dim --epochs --seed --hard-negatives --no-switch]  train on the stored papers
 *   model eval [version]                                           held-out title→abstract MRR@10
 *   model use <version>                                            switch (`default` = bundled)
 *   model list                                                     stored versions and scores
 */
import type { Command } from 'commander';
import {
  splitHeldOut,
  titleToAbstractMrr,
} from '../../../core/embeddings/static/evaluate-model.ts';
import type { IdentifiedPaper } from '../../../core/embeddings/static/ports.ts';
import { retrainModel } from '../../../core/embeddings/static/retrain-model.ts';
import { switchStaticModel } from '../../../core/embeddings/static/switch-static.ts';
import {
  DEFAULT_TRAIN_OPTIONS,
  type TrainOptions,
} from '../../../core/embeddings/static/train-model.ts';
import { addConfigOptions, commandSetup, ExitError, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';
import { createProgressFactory } from '../progress.ts';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

export function registerModel(program: Command, io: CliIo): void {
  const model = program
    .command('model')
    .description('The self-trained static embedding model: train, eval, use, list');

  addConfigOptions(model.command('train'))
    .description(
      "Train a new static model on this instance's papers; switch to it if it scores better",
    )
    .option('--dim <n>', 'semantic (learned) dimensions', String(DEFAULT_TRAIN_OPTIONS.semanticDim))
    .option(
      '--lexical-dim <n>',
      'lexical (hashed) dimensions',
      String(DEFAULT_TRAIN_OPTIONS.lexicalDim),
    )
    .option('--epochs <n>', 'passes over the papers', String(DEFAULT_TRAIN_OPTIONS.epochs))
    .option(
      '--seed <n>',
      'random seed (same seed + papers → same model bytes)',
      String(DEFAULT_TRAIN_OPTIONS.seed),
    )
    .option(
      '--hard-negatives',
      'add one BM25-mined hard negative per pair (slower; see docs/benchmarks/static-model.md)',
    )
    .option('--min-papers <n>', 'refuse to train on fewer papers', '200')
    .option('--no-switch', 'only store the new version, keep the current one')
    .action(async (opts: Record<string, string | boolean>, command: Command) => {
      const { config, log } = commandSetup(io, command);
      let options: TrainOptions;
      try {
        options = {
          ...DEFAULT_TRAIN_OPTIONS,
          semanticDim: positiveInt('dim', opts.dim as string, DEFAULT_TRAIN_OPTIONS.semanticDim),
          lexicalDim: positiveInt(
            'lexical-dim',
            opts.lexicalDim as string,
            DEFAULT_TRAIN_OPTIONS.lexicalDim,
          ),
          epochs: positiveInt('epochs', opts.epochs as string, DEFAULT_TRAIN_OPTIONS.epochs),
          seed: positiveInt('seed', opts.seed as string, DEFAULT_TRAIN_OPTIONS.seed),
          ...(opts.hardNegatives === true ? { hardNegatives: 1 } : {}),
        };
      } catch (error) {
        io.err(`paperboy: ${(error as Error).message}`);
        throw new ExitError(2);
      }
      const minPapers = positiveInt('min-papers', opts.minPapers as string, 200);
      const outcome = await withContainer(config, log, async (c) => {
        const result = await retrainModel({
          texts: c.paperTexts,
          store: c.staticModels,
          trainer: c.modelTrainer,
          clock: c.clock,
          log,
          options,
          minPapers,
          switchPolicy: opts.switch === false ? 'never' : 'if-better',
          events: {
            progress: createProgressFactory(log)('train model'),
            onLine: (line) => io.out(line),
          },
        });
        if (result.switched && result.entry) {
          await switchStaticModel(c.models, c.staticModels, result.entry.version);
        }
        return result;
      });
      if (!outcome.entry) {
        io.err(`paperboy: not trained: ${outcome.reason}`);
        throw new ExitError(1);
      }
      io.out(
        `stored model ${outcome.entry.version}: held-out MRR@10 ${outcome.candidateMrr} (in use: ${outcome.currentVersion} ${outcome.currentMrr})`,
      );
      io.out(
        outcome.switched
          ? `now using ${outcome.entry.version}: ${outcome.reason}`
          : `kept ${outcome.currentVersion}: ${outcome.reason}`,
      );
    });

  addConfigOptions(model.command('eval [version]'))
    .description(
      "Score the model in use (and optionally another version) on this instance's held-out papers",
    )
    .action(async (version: string | undefined, _opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      await withContainer(config, log, async (c) => {
        const papers: IdentifiedPaper[] = [];
        for await (const p of c.paperTexts.all()) papers.push(p);
        const { heldOut } = splitHeldOut(papers);
        const current = await c.staticModels.loadCurrent();
        for (const why of current.fallbacks) io.err(`skipped ${why}`);
        const loaded = version ? [current, await c.staticModels.load(version)] : [current];
        io.out(
          `held-out slice: ${heldOut.length} of ${papers.length} papers (title → own abstract)`,
        );
        for (const m of loaded) {
          const mrr = titleToAbstractMrr(m.model, heldOut);
          io.out(
            `${m.version === current.version ? '*' : ' '} ${m.version}  MRR@10 ${mrr.toFixed(4)}  (${m.modelId})`,
          );
        }
      });
    });

  addConfigOptions(model.command('use <version>'))
    .description('Switch to a stored model version (`default` = the one bundled with paperboy)')
    .action(async (version: string, _opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      await withContainer(config, log, async (c) => {
        const { modelId, following } = await switchStaticModel(c.models, c.staticModels, version);
        io.out(
          following
            ? `switching to static model ${version} (${modelId}): the worker re-embeds in the background; search moves to it once every paper has a vector`
            : `static model ${version} (${modelId}) is current; it is used when PAPERBOY_EMBEDDER=static`,
        );
      });
    });

  addConfigOptions(model.command('list'))
    .description('List stored static model versions with their scores')
    .action(async (_opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      await withContainer(config, log, async (c) => {
        const { current, entries } = await c.staticModels.list();
        io.out(`${current === 'default' ? '*' : ' '} default  (bundled)`);
        for (const e of entries) {
          const scores = Object.entries(e.scores)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ');
          io.out(
            `${e.version === current ? '*' : ' '} ${e.version}  ${e.corpusSize} papers  ${(e.bytes / 1e6).toFixed(1)} MB  ${scores}`,
          );
        }
      });
    });
}
