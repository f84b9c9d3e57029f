/**
 * The stored papers' texts for training the static model, read in id order in pages.
 */
import type { Kysely } from 'kysely';
import type { IdentifiedPaper, PaperTexts } from '../../core/embeddings/static/ports.ts';
import type { Database } from './schema.ts';

const PAGE = 2000;

export class KyselyPaperTexts implements PaperTexts {
  constructor(private readonly db: Kysely<Database>) {}

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async *all(): AsyncIterable<IdentifiedPaper> {
    let after = '';
    while (true) {
      const rows = await this.db
        .selectFrom('papers')
        .select(['id', 'title', 'abstract', 'ai_summary'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      for (const r of rows) {
        if (r.title.trim() && r.abstract.trim()) {
          yield { id: r.id, title: r.title, abstract: r.abstract, summary: r.ai_summary };
        }
      }
      if (rows.length < PAGE) return;
      after = (rows[rows.length - 1] as { id: string }).id;
    }
  }
}
