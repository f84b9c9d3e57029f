/**
 * The PaperTexts contract (training the static model reads the store's texts): every paper with
 * a title and an abstract, once, in id order, across pages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPaper } from '../factories.ts';
import type { ContractTarget } from './run-contract.ts';

export function paperTextsContract({ make }: ContractTarget): void {
  test('all() yields each paper with a title and an abstract once, in id order, across pages', async () => {
    const store = await make();
    try {
      const ids = Array.from(
        { length: 2100 },
        (_, i) => `2602.${String(2099 - i).padStart(5, '0')}`,
      );
      await store.papers.upsertMany([
        ...ids.map((id) => buildPaper({ id, abstract: `About ${id}.` })),
        buildPaper({ id: 'hep-th/9901001', abstract: '   ' }),
        buildPaper({ id: 'cond-mat/0001001', abstract: 'Old but whole.' }),
      ]);
      assert.equal(await store.paperTexts.count(), 2102);
      const seen: string[] = [];
      for await (const p of store.paperTexts.all()) {
        seen.push(p.id);
        if (p.id === '2602.00007') assert.equal(p.abstract, 'About 2602.00007.');
      }
      assert.deepEqual(seen, [...ids, 'cond-mat/0001001'].sort());
    } finally {
      await store.dispose();
    }
  });
}
