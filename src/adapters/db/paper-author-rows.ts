/**
 * Keeps the paper_authors index (migration 0302) in step with papers' bylines; called from the
 * paper repo's write path inside its transaction, with multi-row statements like the rest of it.
 */
import type { Transaction } from 'kysely';
import { authorKey } from '../../core/papers/author-key.ts';
import type { Paper } from '../../core/papers/model.ts';
import { insertRows } from './insert-rows.ts';
import type { Database } from './schema.ts';

const CHUNK = 500;

/** Replaces the author rows of `papers`; `replaced` are the ids that existed before. */
export async function writePaperAuthors(
  trx: Transaction<Database>,
  papers: Paper[],
  replaced: string[],
): Promise<void> {
  for (let i = 0; i < replaced.length; i += CHUNK) {
    await trx
      .deleteFrom('paper_authors')
      .where('paper_id', 'in', replaced.slice(i, i + CHUNK))
      .execute();
  }
  const rows = papers.flatMap((p) =>
    p.authors.map((name, position) => ({
      paper_id: p.id,
      position,
      name,
      name_key: authorKey(name),
    })),
  );
  for (let i = 0; i < rows.length; i += CHUNK * 4) {
    await insertRows(trx, 'paper_authors', rows.slice(i, i + CHUNK * 4), {
      paper_id: 'text',
      position: 'int4',
      name: 'text',
      name_key: 'text',
    }).execute();
  }
}
