/**
 * The shared-day fast path ranks exactly as the straightforward code it replaced (kept as the
 * reference in test/recs-reference.ts): BM25 by scoring each paper for each profile word, profile words by string maps
 * and a full sort, and a ranking that re-sorts its top list at every insert. Same ids, same
 * scores, same relevance, bit for bit — on a seeded corpus with duplicate papers (ties), papers
 * without vectors, readers with "not interested" marks and readers with empty libraries.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  refBm25,
  refNearest,
  refProfile,
  refRank,
  refStats,
} from '../../../test/recs-reference.ts';
import { type PaperFeatures, type PaperText, termFeaturizer, unit } from './features.ts';
import { ForYouDay } from './for-you-day.ts';
import { profileWords, wordStats } from './keyword-profile.ts';
import { rankCandidates } from './rank-candidates.ts';
import { calibrate, RECOMMENDERS, type TrainingSet, train, trainNearest } from './recommenders.ts';

// --- A seeded corpus: topics of real-looking words, duplicates, papers without vectors. ------

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
const TOPICS = [
  'retrieval dense passage ranking query encoder index reranker bm25 corpus recall',
  'robot grasping manipulation policy control arm tactile sim2real locomotion',
  'protein folding structure amino acid sequence binding docking enzyme',
  'diffusion image generation denoising sampler latent guidance video',
  'language model reasoning chain thought instruction tuning alignment preference',
  'graph neural network molecule message passing node edge equivariant',
].map((t) => t.split(' '));
const COMMON = 'we propose method results show learning model data training approach novel'.split(
  ' ',
);
const DIM = 12;

const texts = new Map<string, PaperText>();
function paper(id: string, topic: number, withVector = true): PaperFeatures {
  const words = (n: number) =>
    Array.from({ length: n }, () =>
      rand() < 0.6
        ? pick(TOPICS[topic] as string[])
        : rand() < 0.5
          ? pick(COMMON)
          : pick(pick(TOPICS)),
    ).join(' ');
  const text = { id, title: words(6), abstract: `${words(40 + Math.floor(rand() * 80))}.` };
  texts.set(id, text);
  const v = new Float32Array(DIM).map(() => rand() * 0.3);
  v[topic] = 1;
  return { id, vector: withVector ? unit(v) : null, terms: termFeaturizer([text])(text) };
}
/** A paper with another's text and vector under a new id: every score ties. */
function twin(of: PaperFeatures, id: string): PaperFeatures {
  texts.set(id, { ...(texts.get(of.id) as PaperText), id });
  return { ...of, id };
}

const past = Array.from({ length: 240 }, (_, i) =>
  paper(`p${String(i).padStart(3, '0')}`, i % 6, i % 17 !== 0),
);
const candidates = Array.from({ length: 120 }, (_, i) =>
  paper(`c${String(i).padStart(3, '0')}`, i % 6, i % 11 !== 0),
);
candidates.push(
  twin(candidates[3] as PaperFeatures, 'c900'),
  twin(candidates[3] as PaperFeatures, 'c901'),
);
candidates.push(twin(candidates[10] as PaperFeatures, 'a-twin'));
const background = past.filter((_, i) => i % 3 === 0);
const text = (p: PaperFeatures) => texts.get(p.id) as PaperText;

/** Readers: topic libraries of several sizes, mixed libraries, marks, and empty libraries. */
const readers = Array.from({ length: 40 }, (_, r) => {
  const size = r % 8 === 0 ? 0 : 1 + Math.floor(rand() * 30);
  const topic = r % 6;
  const positives = Array.from({ length: size }, () =>
    rand() < 0.7
      ? (past.filter((p) => Number(p.id.slice(1)) % 6 === topic)[
          Math.floor(rand() * 40)
        ] as PaperFeatures)
      : pick(past),
  );
  const marked = r % 3 === 0 ? [pick(past), pick(candidates)] : [];
  return { positives: [...new Set(positives)], marked };
});

test('BM25 from the day’s index equals per-paper BM25, over all papers and over a subset', () => {
  const day = new ForYouDay([...candidates, ...background].map(text));
  const ref = refBm25([...candidates, ...background].map(text));
  const subset = [...candidates.filter((_, i) => i % 4 !== 0), ...background.slice(5)];
  const refSubset = refBm25(subset.map(text));
  const members = day.corpus.members(subset.map((p) => p.id));
  const stats = refStats([...past, ...candidates].map(text));
  for (const r of readers.filter((x) => x.positives.length > 0)) {
    const words = refProfile(r.positives.map(text), stats);
    const fast = day.corpus.scorer(words);
    const slow = ref(words);
    const fastSub = day.corpus.scorer(words, members);
    const slowSub = refSubset(words);
    for (const p of [...candidates, ...background, ...past.slice(0, 20)]) {
      assert.equal(fast(p), slow(p), p.id);
      assert.equal(fastSub(p), slowSub(p), p.id);
    }
  }
});

test('profile words from typed counts equal those from string maps (ties included)', () => {
  const all = [...past, ...candidates].map(text);
  const stats = wordStats(all);
  const ref = refStats(all);
  for (const r of readers) {
    for (const size of [30, 5, 1, 200]) {
      const library = r.positives.map(text);
      assert.deepEqual(profileWords(library, stats, size), refProfile(library, ref, size));
    }
  }
});

test('every recommender ranks the same through the shared day as through the reference', () => {
  const day = new ForYouDay([...candidates, ...background].map(text));
  const all = [...past, ...candidates].map(text);
  const stats = wordStats(all, day.words);
  const ref = refStats(all);
  const bm25 = refBm25([...candidates, ...background].map(text));
  let compared = 0;
  for (const r of readers) {
    const base = { positives: r.positives, marked: r.marked, background };
    const fast: TrainingSet = {
      ...base,
      ...day.keywords(r.positives.map(text), r.marked.map(text), stats),
    };
    const slow: TrainingSet = {
      ...base,
      keywords: bm25(refProfile(r.positives.map(text), ref)),
      avoid: r.marked.length > 0 ? bm25(refProfile(r.marked.map(text), ref)) : undefined,
    };
    for (const name of RECOMMENDERS) {
      for (const limit of [20, 5, candidates.length]) {
        const got = rankCandidates(name, fast, candidates, limit);
        assert.deepEqual(got, refRank(name, slow, candidates, limit), `${name} ${limit}`);
        compared += got.length;
      }
    }
  }
  assert.ok(compared > 1000);
});

test('the twins tie and are ordered by id; calibrate matches the sorted background', () => {
  const day = new ForYouDay([...candidates, ...background].map(text));
  const stats = wordStats([...past, ...candidates].map(text), day.words);
  const reader = readers.find((r) => r.positives.length > 5) as (typeof readers)[number];
  const set = { ...reader, background, ...day.keywords(reader.positives.map(text), [], stats) };
  const ranked = rankCandidates('hybrid', set, candidates, candidates.length);
  const ids = ranked.map((r) => r.id);
  const at = ids.indexOf(candidates[3]?.id as string);
  assert.deepEqual(ids.slice(at, at + 3), [candidates[3]?.id, 'c900', 'c901']);
  assert.ok(ids.indexOf('a-twin') < ids.indexOf(candidates[10]?.id as string));
  const scorer = train('hybrid', set);
  const relevance = calibrate(scorer, background);
  for (const r of ranked) assert.equal(r.relevance, relevance(r.score));
});

test('library similarity equals the reference’s, for every reader and paper', () => {
  for (const r of readers) {
    const set = { ...r, background };
    const fast = trainNearest(set);
    const slow = refNearest(set);
    for (const p of [...candidates, ...background]) assert.equal(fast(p), slow(p), p.id);
  }
});
