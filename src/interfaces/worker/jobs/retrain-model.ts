/**
 * Weekly (PAPERBOY_MODEL_RETRAIN_DAYS) self-improvement: retrain the static embedding model on this
 * instance's own papers in a worker thread and switch to it only when it ranks held-out titles'
 * own abstracts better (switch-rule.ts); every process follows the switch
 * without a restart (live-models.ts); otherwise keep the current model and log why. Only scheduled
 * when `static` is the active embedder: nothing else uses the model it trains.
 */
import type { Container } from '../../../container.ts';
import { retrainModel } from '../../../core/embeddings/static/retrain-model.ts';
import { switchStaticModel } from '../../../core/embeddings/static/switch-static.ts';
import { DEFAULT_TRAIN_OPTIONS } from '../../../core/embeddings/static/train-model.ts';
import type { Job } from '../../../core/jobs/model.ts';

/** What this file takes from the container. */
type Uses = Pick<
  Container,
  'clock' | 'config' | 'modelTrainer' | 'paperTexts' | 'staticModels' | 'models'
>;

const DAY = 24 * 60 * 60_000;

/** The job, or null when retraining is off or another embedder is in use. */
export function retrainModelJob(container: Uses): Job | null {
  const days = container.config.modelRetrainDays;
  if (days <= 0 || container.config.embedder !== 'static') return null;
  return {
    name: 'model:retrain',
    everyMs: days * DAY,
    leaseMs: 30 * 60_000,
    async run({ log, signal }) {
      const outcome = await retrainModel({
        texts: container.paperTexts,
        store: container.staticModels,
        trainer: container.modelTrainer,
        clock: container.clock,
        log,
        options: DEFAULT_TRAIN_OPTIONS,
        events: {
          signal,
          onLine: (line, fields) => log.info('model training', { line, ...fields }),
        },
        minPapers: container.config.modelRetrainMinPapers,
      });
      if (outcome.switched && outcome.entry) {
        await switchStaticModel(container.models, container.staticModels, outcome.entry.version);
      }
      return undefined;
    },
  };
}
