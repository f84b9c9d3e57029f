/**
 * The body of the training worker thread: receives papers and options, trains (see core
 * train-model.ts), posts progress per step and a line per epoch, then the encoded model file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeModel, type ModelInfo } from '../../core/embeddings/static/model-codec.ts';
import { WordSplitter } from '../../core/embeddings/static/tokenizer.ts';
import {
  countSteps,
  initModel,
  type TrainOptions,
  trainModel,
} from '../../core/embeddings/static/train-model.ts';
import { type TrainingPaper, tokenizePaper } from '../../core/embeddings/static/training-pairs.ts';

export type WorkerMessage =
  | { type: 'start'; totalSteps: number; vocabulary: number; papers: number }
  | { type: 'step'; step: number; loss: number }
  | { type: 'epoch'; epoch: number; meanLoss: number; seconds: number }
  | { type: 'done'; bytes: Uint8Array }
  | { type: 'error'; message: string };

interface Input {
  papers: TrainingPaper[];
  options: TrainOptions;
  info: ModelInfo;
}

const port = parentPort;
if (port) {
  try {
    const { papers, options, info } = workerData as Input;
    const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
    const splitter = new WordSplitter();
    const tokenized = papers.map((p) => tokenizePaper(p, splitter));
    const model = initModel(tokenized, options);
    post({
      type: 'start',
      totalSteps: countSteps(tokenized, options),
      vocabulary: model.tokens.length,
      papers: tokenized.length,
    });
    let sum = 0;
    let count = 0;
    let epochStart = Date.now();
    for (const report of trainModel(model, tokenized, options)) {
      sum += report.loss;
      count++;
      post({ type: 'step', step: report.step, loss: report.loss });
      if (report.endOfEpoch) {
        post({
          type: 'epoch',
          epoch: report.epoch,
          meanLoss: sum / count,
          seconds: (Date.now() - epochStart) / 1000,
        });
        sum = 0;
        count = 0;
        epochStart = Date.now();
      }
    }
    const bytes = encodeModel(model, info);
    post({ type: 'done', bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies WorkerMessage);
  }
}
