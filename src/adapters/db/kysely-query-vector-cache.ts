/**
 * QueryVectorCache over Kysely: saved-search vectors as float32 blobs, keyed by model and text.
 */
import type { Kysely } from 'kysely';
import type { QueryVectorCache } from '../../core/digests/ports.ts';
import type { Database } from './schema.ts';

const CHUNK = 500;

export class KyselyQueryVectorCache implements QueryVectorCache {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: { now(): Date },
  ) {}

  async get(modelId: string, texts: string[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (let i = 0; i < texts.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('email_query_vectors')
        .select(['text', 'vector'])
        .where('model_id', '=', modelId)
        .where('text', 'in', texts.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) {
        const bytes = Uint8Array.from(r.vector);
        out.set(r.text, new Float32Array(bytes.buffer, 0, bytes.byteLength / 4));
      }
    }
    return out;
  }

  async put(modelId: string, vectors: Map<string, Float32Array>): Promise<void> {
    const at = this.clock.now().toISOString();
    const rows = [...vectors].map(([text, v]) => ({
      model_id: modelId,
      text,
      vector: new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
      created_at: at,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('email_query_vectors')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['model_id', 'text']).doNothing())
        .execute();
    }
  }
}
