/**
 * Rebuilds the static model bundled with paperboy (assets/models/paperboy-static.pbsm) from the
 * ~62k papers in ../shared/data (arxiver-48k, daily-arxiv-digest-cs, hf-daily-papers) — never from
 * an evaluation collection. Single-threaded and seeded: the same data gives the same bytes.
 *
 *   npm run model:build -- [--data ../shared/data] [--out assets/models/paperboy-static.pbsm]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  splitHeldOut,
  titleToAbstractMrr,
} from '../../src/core/embeddings/static/evaluate-model.ts';
import { crc32, encodeModel } from '../../src/core/embeddings/static/model-codec.ts';
import { WordSplitter } from '../../src/core/embeddings/static/tokenizer.ts';
import {
  countSteps,
  initModel,
  type TrainOptions,
  trainModel,
} from '../../src/core/embeddings/static/train-model.ts';
import { tokenizePaper } from '../../src/core/embeddings/static/training-pairs.ts';
import { BUNDLED_OPTIONS } from './bundled-options.ts';
import { readSharedCorpus } from './read-shared-corpus.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    out: { type: 'string', default: 'assets/models/paperboy-static.pbsm' },
    epochs: { type: 'string' },
  },
});
const options: TrainOptions = {
  ...BUNDLED_OPTIONS,
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
};

const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}`);
const corpus = readSharedCorpus(values.data);
const { train, heldOut } = splitHeldOut(corpus);
log(`corpus: ${corpus.length} papers (${train.length} train, ${heldOut.length} held out)`);
const splitter = new WordSplitter();
const tokenized = train.map((p) => tokenizePaper(p, splitter));
const model = initModel(tokenized, options);
log(`vocabulary: ${model.tokens.length} tokens; ${countSteps(tokenized, options)} steps`);
log(
  `held-out title→abstract MRR@10 before training: ${titleToAbstractMrr(model, heldOut).toFixed(4)}`,
);
let sum = 0;
let n = 0;
for (const r of trainModel(model, tokenized, options)) {
  sum += r.loss;
  n++;
  if (r.step % 50 === 0) log(`step ${r.step}/${r.totalSteps} loss ${(sum / n).toFixed(4)}`);
  if (r.endOfEpoch) {
    log(`epoch ${r.epoch}: held-out MRR@10 ${titleToAbstractMrr(model, heldOut).toFixed(4)}`);
    sum = 0;
    n = 0;
  }
}
const mrr = Math.round(titleToAbstractMrr(model, heldOut) * 10000) / 10000;
const bytes = encodeModel(model, {
  name: 'paperboy-static default',
  trainedOn: 'arxiver-48k + daily-arxiv-digest-cs + hf-daily-papers (../shared/data)',
  corpusSize: train.length,
  heldOutPapers: heldOut.length,
  heldOutMrr10: mrr,
  options,
});
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, bytes);
log(
  `wrote ${values.out}: ${(bytes.length / 1e6).toFixed(2)} MB, crc32 ${crc32(bytes).toString(16)}, held-out MRR@10 ${mrr}`,
);
