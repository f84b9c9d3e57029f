/**
 * Part 2 of `npm run eval:recs`: the time to rank one day's new papers (1,000) for 10,000 readers
 * on this box — each reader's recommender trained from their library and the top 20 kept, as
 * the For-you digest does. Libraries are 5–200 real papers drawn with a fixed seed.
 */
import type { PaperFeatures, PaperText } from '../../src/core/recs/features.ts';
import { ForYouDay } from '../../src/core/recs/for-you-day.ts';
import type { WordStats } from '../../src/core/recs/keyword-profile.ts';
import { rankCandidates } from '../../src/core/recs/rank-candidates.ts';
import type { RecommenderName } from '../../src/core/recs/recommenders.ts';

/** mulberry32: a small seeded generator, so every run draws the same readers. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function timeReaders(input: {
  papers: PaperFeatures[];
  readers: number;
  candidates: number;
  background: PaperFeatures[];
  /** A paper's text (the keyword profile's input) and word statistics of the past. */
  text: (id: string) => PaperText;
  stats: WordStats;
  recommenders: RecommenderName[];
  log: (line: string) => void;
}): void {
  const { papers, log } = input;
  const rand = random(17);
  const candidates = papers.slice(-input.candidates);
  const pool = papers.slice(0, papers.length - input.candidates);
  const libraries = Array.from({ length: input.readers }, () => {
    const size = 5 + Math.floor(rand() * 196);
    return Array.from(
      { length: size },
      () => pool[Math.floor(rand() * pool.length)] as PaperFeatures,
    );
  });
  const avg = libraries.reduce((s, l) => s + l.length, 0) / libraries.length;
  log(
    `\ntiming: ${input.readers} readers (libraries of 5–200 papers, mean ${avg.toFixed(0)}) × ${candidates.length} candidates, ${input.background.length} background papers, top 20 kept`,
  );
  for (const name of input.recommenders) {
    const t0 = performance.now();
    // Once per day: the BM25 index of the new papers and the background.
    const day = new ForYouDay(
      [...candidates, ...input.background].map((p) => input.text(p.id)),
      input.stats.table,
    );
    const words = name === 'profile' || name === 'hybrid';
    let kept = 0;
    libraries.forEach((library, i) => {
      kept += rankCandidates(
        name,
        {
          positives: library,
          marked: [],
          background: input.background,
          ...(words
            ? day.keywords(
                library.map((p) => input.text(p.id)),
                [],
                input.stats,
              )
            : {}),
        },
        candidates,
        20,
      ).length;
      if ((i + 1) % Math.max(1, Math.floor(input.readers / 5)) === 0) {
        log(
          `  ${name}: ${i + 1}/${input.readers} readers, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
    });
    const s = (performance.now() - t0) / 1000;
    log(
      `  ${name.padEnd(9)} ${s.toFixed(1)} s for ${input.readers} readers (${((s * 1000) / input.readers).toFixed(2)} ms/reader, ${kept} picks)`,
    );
  }
}
