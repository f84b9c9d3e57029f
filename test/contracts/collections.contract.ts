/**
 * The CollectionRepo contract: a reader's collections (public or private, most recently changed
 * first) and their papers with notes, newest first; deleting a collection deletes its items.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPaper } from '../factories.ts';
import { newUser } from './accounts.contract.ts';
import { type ContractTarget, race } from './run-contract.ts';

export function collectionsContract({ make }: ContractTarget): void {
  test('collections round-trip and list most recently changed first; private ones only for their owner', async () => {
    const c = await make();
    try {
      const u = await c.community.users.create(
        newUser({ handle: 'collector', displayName: 'Col' }),
      );
      const { collections } = c.community;
      const create = (id: string, isPublic: boolean, at: string) =>
        collections.create({ id, userId: u.id, name: `Name ${id}`, description: '', isPublic, at });
      await create('k1', true, '2026-08-01T00:00:00Z');
      await create('k2', false, '2026-08-02T00:00:00Z');
      await create('k3', true, '2026-08-03T00:00:00Z');
      assert.deepEqual(await collections.get('k1'), {
        id: 'k1',
        owner: { id: u.id, handle: 'collector', displayName: 'Col' },
        name: 'Name k1',
        description: '',
        isPublic: true,
        createdAt: '2026-08-01T00:00:00Z',
        updatedAt: '2026-08-01T00:00:00Z',
      });
      await collections.update(
        'k1',
        { name: 'Renamed', description: 'About *this*', isPublic: false },
        '2026-08-04T00:00:00Z',
      );
      const k1 = await collections.get('k1');
      assert.deepEqual(
        [k1?.name, k1?.description, k1?.isPublic, k1?.updatedAt],
        ['Renamed', 'About *this*', false, '2026-08-04T00:00:00Z'],
      );
      assert.deepEqual(
        (await collections.listByUser(u.id, true)).map((k) => k.id),
        ['k1', 'k3', 'k2'],
      );
      assert.deepEqual(
        (await collections.listByUser(u.id, false)).map((k) => k.id),
        ['k3'],
      );
      assert.equal(await collections.get('nope'), null);
    } finally {
      await c.dispose();
    }
  });

  test('items: newest first, notes updated in place, removal; each change touches the collection; delete takes the items along', async () => {
    const c = await make();
    try {
      const u = await c.community.users.create(newUser());
      const papers = [
        buildPaper({ id: '2608.00003' }),
        buildPaper({ id: '2608.00001' }),
        buildPaper({ id: '2608.00002' }),
      ];
      await c.papers.upsertMany(papers);
      const { collections } = c.community;
      await collections.create({
        id: 'box',
        userId: u.id,
        name: 'Box',
        description: '',
        isPublic: true,
        at: '2026-08-01T00:00:00Z',
      });
      await collections.putItem('box', '2608.00001', 'first', '2026-08-02T00:00:00Z');
      await collections.putItem('box', '2608.00003', '', '2026-08-03T00:00:00Z');
      await collections.putItem('box', '2608.00002', '', '2026-08-03T00:00:00Z');
      await collections.putItem('box', '2608.00001', 'first, annotated', '2026-08-04T00:00:00Z');
      assert.deepEqual(await collections.items('box'), [
        { paperId: '2608.00002', note: '', addedAt: '2026-08-03T00:00:00Z' },
        { paperId: '2608.00003', note: '', addedAt: '2026-08-03T00:00:00Z' },
        { paperId: '2608.00001', note: 'first, annotated', addedAt: '2026-08-02T00:00:00Z' },
      ]);
      assert.equal((await collections.get('box'))?.updatedAt, '2026-08-04T00:00:00Z');
      await collections.removeItem('box', '2608.00003', '2026-08-05T00:00:00Z');
      assert.deepEqual(
        (await collections.items('box')).map((i) => i.paperId),
        ['2608.00002', '2608.00001'],
      );
      assert.equal((await collections.get('box'))?.updatedAt, '2026-08-05T00:00:00Z');
      await collections.delete('box');
      assert.equal(await collections.get('box'), null);
      assert.deepEqual(await collections.items('box'), []);
    } finally {
      await c.dispose();
    }
  });

  test('two processes adding papers to one collection at once keep every paper', async () => {
    const c = await make();
    try {
      const other = await c.openAgain();
      const u = await c.community.users.create(newUser());
      const papers = Array.from({ length: 12 }, () => buildPaper());
      await c.papers.upsertMany(papers);
      await c.community.collections.create({
        id: 'shared',
        userId: u.id,
        name: 'S',
        description: '',
        isPublic: false,
        at: '2026-08-01T00:00:00Z',
      });
      await race(papers, (p, i) =>
        (i % 2 ? other : c).community.collections.putItem(
          'shared',
          p.id,
          `note ${i}`,
          `2026-08-02T00:00:${String(i).padStart(2, '0')}Z`,
        ),
      );
      assert.equal((await c.community.collections.items('shared')).length, 12);
    } finally {
      await c.dispose();
    }
  });
}
