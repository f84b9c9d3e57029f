/**
 * For you on a real store with vectors (the hash stand-in embedder): the library's topic ranks
 * first with why-lines; "not interested" takes a paper out of the next ranking at once; a
 * followed author comes first; excluded words drop papers; an empty library is a cold start by
 * the reader's categories; readers ranked over one shared read of the newest papers (a digest
 * run) get exactly what each would alone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newUser } from '../../../test/contracts/accounts.contract.ts';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { buildPaper } from '../../../test/factories.ts';
import { HashEmbedder } from '../../../test/hash-embedder.ts';
import type { Paper } from '../papers/model.ts';
import { loadNewestPapers } from './newest-papers.ts';
import { recommendForReader } from './recommend-for-reader.ts';

let c: TestContainer;
const embedder = new HashEmbedder();
const day = (d: number) => `2026-08-${String(d).padStart(2, '0')}T12:00:00Z`;
const TOPICS = {
  retrieval: 'dense retrieval passage ranking query encoder index',
  robots: 'robot grasping manipulation control policy arm',
  proteins: 'protein folding structure amino acid sequence',
};
function p(id: string, topic: keyof typeof TOPICS, d: number, extra: Partial<Paper> = {}): Paper {
  return buildPaper({
    id,
    title: `${TOPICS[topic].split(' ').slice(0, 3).join(' ')} ${id}`,
    abstract: `${TOPICS[topic]} ${TOPICS[topic]}`,
    submittedAt: day(d),
    categories: [topic === 'retrieval' ? 'cs.IR' : topic === 'robots' ? 'cs.RO' : 'q-bio.BM'],
    ...extra,
  });
}

before(async () => {
  c = await createTestContainer({ embedder });
  const papers: Paper[] = [];
  // The past: a library's worth of each topic, and background.
  for (let i = 0; i < 12; i++) {
    const topic = (['retrieval', 'robots', 'proteins'] as const)[i % 3] ?? 'retrieval';
    papers.push(p(`2608.${String(100 + i).padStart(5, '0')}`, topic, 1 + (i % 5)));
  }
  // The new week.
  papers.push(p('2608.00901', 'retrieval', 20), p('2608.00902', 'retrieval', 19));
  papers.push(p('2608.00903', 'robots', 20, { authors: ['Grace Hopper'] }));
  papers.push(
    p('2608.00904', 'proteins', 18, { community: { ...buildPaper().community, upvotes: 50 } }),
  );
  papers.push(
    p('2608.00905', 'robots', 19, { title: 'survey of robot arms', categories: ['cs.RO'] }),
  );
  await c.papers.upsertMany(papers);
  const vectors = c.search.vectors;
  assert.ok(vectors);
  const embedded = await embedder.embed(
    papers.map((x) => `${x.title}\n\n${x.abstract}`),
    'document',
  );
  await vectors.put(
    papers.map((x, i) => ({ paperId: x.id, vector: embedded[i] as Float32Array, textHash: x.id })),
  );
});
after(() => c.dispose());

const deps = () => ({
  library: c.recs.library,
  papers: c.papers,
  vectors: c.search.vectors,
  clock: c.clock,
});

for (const recommender of ['logistic', 'nearest'] as const) {
  test(`${recommender}: library topic first, with why; "not interested" changes the next ranking; follows and exclusions`, async () => {
    const u = await c.community.users.create(newUser());
    await c.recs.library.addImported(
      u.id,
      ['2608.00100', '2608.00103', '2608.00106'].map((paperId) => ({
        paperId,
        source: 'bibtex',
        addedAt: day(6),
      })),
    );
    const first = await recommendForReader(deps(), u.id, { days: 7, limit: 10, recommender });
    assert.equal(first.coldStart, false);
    assert.deepEqual(
      first.items
        .slice(0, 2)
        .map((i) => i.paper.id)
        .sort(),
      ['2608.00901', '2608.00902'],
    );
    assert.ok((first.items[0]?.relevance ?? 0) > 0.5);
    assert.ok(
      first.items[0]?.because.every((b) =>
        ['2608.00100', '2608.00103', '2608.00106'].includes(b.id),
      ),
    );
    const top = first.items[0]?.paper.id as string;
    await c.recs.library.setFeedback(u.id, top, -1, day(21));
    const second = await recommendForReader(deps(), u.id, { days: 7, limit: 10, recommender });
    assert.ok(!second.items.some((i) => i.paper.id === top));
    await c.recs.library.setFeedback(u.id, top, null, day(21));
    assert.equal(
      (await recommendForReader(deps(), u.id, { days: 7, limit: 10, recommender })).items[0]?.paper
        .id,
      top,
    );
    await c.recs.library.follow(u.id, {
      kind: 'author',
      value: 'grace hopper',
      label: 'Grace Hopper',
      createdAt: day(21),
    });
    await c.recs.library.saveSettings(
      u.id,
      { interests: [], includeTerms: '', excludeTerms: 'survey', threshold: 0.5 },
      day(21),
    );
    const third = await recommendForReader(deps(), u.id, { days: 7, limit: 10, recommender });
    assert.equal(third.items[0]?.paper.id, '2608.00903');
    assert.deepEqual(third.items[0]?.followedAuthors, ['Grace Hopper']);
    assert.ok(!third.items.some((i) => i.paper.id === '2608.00905'));
  });
}

test('cold start: no library — picked categories first, then upvotes; never an empty page', async () => {
  const u = await c.community.users.create(newUser());
  const none = await recommendForReader(deps(), u.id, { days: 7, limit: 10 });
  assert.equal(none.coldStart, true);
  assert.equal(none.items[0]?.paper.id, '2608.00904');
  assert.equal(none.items.length, 5);
  await c.recs.library.saveSettings(
    u.id,
    { interests: ['cs.RO'], includeTerms: '', excludeTerms: '', threshold: 0.5 },
    day(21),
  );
  const picked = await recommendForReader(deps(), u.id, { days: 7, limit: 10 });
  assert.deepEqual(
    picked.items.slice(0, 2).map((i) => i.paper.categories[0]),
    ['cs.RO', 'cs.RO'],
  );
});

test('readers ranked over one shared read of the newest papers get what each gets alone', async () => {
  const lib = async (ids: string[]) => {
    const u = await c.community.users.create(newUser());
    await c.recs.library.addImported(
      u.id,
      ids.map((paperId) => ({ paperId, source: 'bibtex' as const, addedAt: day(6) })),
    );
    return u.id;
  };
  const retrieval = await lib(['2608.00100', '2608.00103']);
  const robots = await lib(['2608.00101', '2608.00104', '2608.00107', '2608.00901']);
  await c.recs.library.setFeedback(robots, '2608.00905', -1, day(21));
  await c.recs.library.setFeedback(robots, '2608.00102', -1, day(21));
  const empty = (await c.community.users.create(newUser())).id;
  const shared = await loadNewestPapers(deps());
  for (const recommender of ['hybrid', 'profile', 'nearest', 'logistic'] as const) {
    for (const userId of [retrieval, robots, empty, retrieval]) {
      const options = { days: 7, limit: 10, recommender };
      const alone = await recommendForReader(deps(), userId, options);
      assert.deepEqual(await recommendForReader(deps(), userId, options, shared), alone);
    }
  }
});
