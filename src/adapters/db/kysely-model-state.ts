/**
 * ModelStateRepo over Kysely (both engines): the `embedding_models` rows (0902) that tell every
 * process which embedding model serves search and which one the worker embeds with.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ModelRef, ModelState, ModelStateRepo } from '../../core/embeddings/ports.ts';
import type { Database } from './schema.ts';
import { transact } from './transact.ts';

const LOCK = ['embedding_models'];
/** `retired` when the vectors to prune are of models nobody recorded (stores from before 0902). */
export const UNRECORDED = '*';

export class KyselyModelStateRepo implements ModelStateRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: { now(): Date },
  ) {}

  async read(): Promise<ModelState> {
    return readState(this.db);
  }

  async setTarget(ref: ModelRef): Promise<void> {
    await transact(
      this.db,
      async (trx) => {
        const state = await readState(trx);
        if (state.target?.modelId !== ref.modelId || state.target.version !== ref.version) {
          await this.write(trx, 'target', ref);
        }
        if (!state.serving) {
          await this.write(trx, 'serving', ref);
          await this.write(trx, 'retired', { family: '', version: null, modelId: UNRECORDED });
        }
      },
      { lockKeys: LOCK },
    );
  }

  async promote(modelId: string): Promise<boolean> {
    return transact(
      this.db,
      async (trx) => {
        const { serving, target } = await readState(trx);
        if (!target || target.modelId !== modelId) return false;
        if (serving?.modelId === modelId) return true;
        await this.write(trx, 'serving', target);
        if (serving) await this.write(trx, 'retired', { ...serving, family: serving.family });
        return true;
      },
      { lockKeys: LOCK },
    );
  }

  async clearRetired(): Promise<void> {
    await this.db.deleteFrom('embedding_models').where('role', '=', 'retired').execute();
  }

  async adoptVectors(from: readonly string[], to: string): Promise<number> {
    const ids = from.filter((id) => id !== to);
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('paper_vectors')
      .set({ model_id: to })
      .where('model_id', 'in', ids)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('paper_vectors as mine')
              .select('mine.seq')
              .where('mine.model_id', '=', to)
              .whereRef('mine.paper_id', '=', 'paper_vectors.paper_id'),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private async write(trx: Transaction<Database>, role: string, ref: ModelRef): Promise<void> {
    const row = {
      model_id: ref.modelId,
      family: ref.family,
      version: ref.version,
      updated_at: this.clock.now().toISOString(),
    };
    await trx
      .insertInto('embedding_models')
      .values({ role, ...row })
      .onConflict((oc) => oc.column('role').doUpdateSet(row))
      .execute();
  }
}

async function readState(db: Kysely<Database>): Promise<ModelState> {
  const rows = await db.selectFrom('embedding_models').selectAll().execute();
  const ref = (role: string): ModelRef | null => {
    const r = rows.find((x) => x.role === role);
    return r ? { family: r.family, version: r.version, modelId: r.model_id } : null;
  };
  return {
    serving: ref('serving'),
    target: ref('target'),
    retired: rows.find((x) => x.role === 'retired')?.model_id ?? null,
  };
}
