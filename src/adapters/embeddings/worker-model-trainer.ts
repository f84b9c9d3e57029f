/**
 * Runs static-model training in a worker thread, so a server that retrains weekly keeps answering
 * requests. Progress arrives per step; aborting terminates the thread.
 */
import { Worker } from 'node:worker_threads';
import type { ModelInfo } from '../../core/embeddings/static/model-codec.ts';
import type {
  IdentifiedPaper,
  ModelTrainer,
  TrainingEvents,
} from '../../core/embeddings/static/ports.ts';
import type { TrainOptions } from '../../core/embeddings/static/train-model.ts';
import { createError } from '../../core/errors.ts';
import type { WorkerMessage } from './static-train-worker.ts';

const WORKER_URL = new URL('./static-train-worker.mjs', import.meta.url);

export class WorkerModelTrainer implements ModelTrainer {
  train(
    papers: readonly IdentifiedPaper[],
    options: TrainOptions,
    info: ModelInfo,
    events: TrainingEvents,
  ): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL, {
        workerData: {
          papers: papers.map((p) => ({
            title: p.title,
            abstract: p.abstract,
            summary: p.summary ?? null,
          })),
          options,
          info,
        },
      });
      let settled = false;
      const finish = (error: Error | null, bytes?: Uint8Array) => {
        if (settled) return;
        settled = true;
        events.signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        if (error) {
          events.progress?.done('failed');
          reject(error);
        } else {
          events.progress?.done('model trained');
          resolve(bytes as Uint8Array);
        }
      };
      const onAbort = () => finish(createError('model_unavailable', 'training was stopped'));
      if (events.signal?.aborted) return onAbort();
      events.signal?.addEventListener('abort', onAbort);
      let last = 0;
      worker.on('message', (m: WorkerMessage) => {
        switch (m.type) {
          case 'start':
            events.progress?.advance(0, m.totalSteps);
            events.onLine?.(
              `training on ${m.papers} papers, ${m.vocabulary} tokens, ${m.totalSteps} steps`,
              {
                papers: m.papers,
                vocabulary: m.vocabulary,
                steps: m.totalSteps,
              },
            );
            break;
          case 'step':
            events.progress?.advance(m.step - last);
            last = m.step;
            break;
          case 'epoch':
            events.onLine?.(
              `epoch ${m.epoch}: mean loss ${m.meanLoss.toFixed(4)} (${m.seconds.toFixed(0)} s)`,
              {
                epoch: m.epoch,
                mean_loss: m.meanLoss,
                seconds: m.seconds,
              },
            );
            break;
          case 'done':
            finish(null, m.bytes);
            break;
          case 'error':
            finish(createError('model_unavailable', `training failed: ${m.message}`));
            break;
        }
      });
      worker.on('error', (e) =>
        finish(createError('model_unavailable', `training failed: ${e.message}`, { cause: e })),
      );
      worker.on('exit', (code) => {
        if (!settled)
          finish(createError('model_unavailable', `training thread exited with code ${code}`));
      });
    });
  }
}
