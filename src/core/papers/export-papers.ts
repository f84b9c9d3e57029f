/**
 * Exporting the whole store as papers in id order, page by page, so memory stays flat however
 * large the store is. `paperboy export` writes them as our JSONL format, which `import` reads back.
 */
import type { Paper } from './model.ts';
import type { PaperRepo } from './ports.ts';

/** Every stored paper, by id, fetched `pageSize` at a time. */
export async function* exportPapers(repo: PaperRepo, pageSize = 1000): AsyncGenerator<Paper> {
  let after: string | null = null;
  for (;;) {
    const page = await repo.listAfter(after, pageSize);
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.id;
  }
}
