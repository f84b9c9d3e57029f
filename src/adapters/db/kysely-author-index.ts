/**
 * The author index over Kysely: the papers filed under one author key, newest first, and the
 * spelling of the name most papers use.
 */
import type { Kysely } from 'kysely';
import type { AuthorIndex } from '../../core/community/ports.ts';
import type { Database } from './schema.ts';

export class KyselyAuthorIndex implements AuthorIndex {
  constructor(private readonly db: Kysely<Database>) {}

  async papersBy(key: string, page: { limit: number; offset: number }) {
    const base = this.db
      .selectFrom('paper_authors as a')
      .innerJoin('papers as p', 'p.id', 'a.paper_id')
      .where('a.name_key', '=', key);
    const [rows, total, spelling] = await Promise.all([
      base
        .select('a.paper_id')
        // Undated papers last on both engines (PostgreSQL sorts NULL first when descending).
        .orderBy('p.submitted_at', (ob) => ob.desc().nullsLast())
        .orderBy('a.paper_id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base
        .select((eb) => eb.fn.count<number>('a.paper_id').distinct().as('n'))
        .executeTakeFirstOrThrow(),
      // The name as most papers write it.
      this.db
        .selectFrom('paper_authors')
        .select(['name', (eb) => eb.fn.countAll<number>().as('n')])
        .where('name_key', '=', key)
        .groupBy('name')
        .orderBy('n', 'desc')
        .orderBy('name')
        .limit(1)
        .executeTakeFirst(),
    ]);
    return {
      name: spelling?.name ?? null,
      ids: [...new Set(rows.map((r) => r.paper_id))],
      total: Number(total.n),
    };
  }
}
