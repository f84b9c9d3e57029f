/**
 * For you for one reader: the newest papers (the last day or week before the newest stored
 * paper) ranked by the reader's recommender trained on their library and marks, papers by
 * followed authors or on followed topics first, the reader's include/exclude keywords applied, each with why (the closest library papers).
 * An empty library is a cold start: the reader's picked categories first, then by upvotes.
 */
import type { Clock } from '../clock.ts';
import { terms } from '../digests/keyword-relevance.ts';
import type { Paper } from '../papers/model.ts';
import type { PaperRepo } from '../papers/ports.ts';
import { type KeywordRules, keywordFilter } from '../search/keyword-filter.ts';
import type { VectorIndex } from '../search/ports.ts';
import { authorFollowMatcher } from './author-clusters.ts';
import { type PaperFeatures, termFeaturizer } from './features.ts';
import { wordStats } from './keyword-profile.ts';
import type { ReaderSettings } from './model.ts';
import { BACKGROUND, loadNewestPapers, type NewestPapers } from './newest-papers.ts';
import type { ReaderLibraryRepo } from './ports.ts';
import { rankCandidates } from './rank-candidates.ts';
import { closestInLibrary, type RecommenderName } from './recommenders.ts';

/** Recommender For you uses: the best in `npm run eval:recs` (docs/DESIGN.md, "For you"). */
export const DEFAULT_RECOMMENDER: RecommenderName = 'hybrid';
/** Most library papers trained on (the newest). */
const MAX_LIBRARY = 500;

export interface ForYouDeps {
  library: ReaderLibraryRepo;
  papers: PaperRepo;
  vectors: VectorIndex | null;
  clock: Clock;
}

export interface ForYouItem {
  paper: Paper;
  /** 0–1: the share of other papers this one beats for this reader (null in a cold start). */
  relevance: number | null;
  /** Library papers it is closest to. */
  because: { id: string; title: string }[];
  /** Followed authors on it, and followed topics (quoted) it matches. */
  followedAuthors: string[];
}

export interface ForYou {
  coldStart: boolean;
  /** Submission instants the candidates fall in. */
  window: { from: string; to: string } | null;
  items: ForYouItem[];
}

function keywordFilterOrAll(settings: ReaderSettings): (p: Paper) => boolean {
  try {
    return keywordFilter(settings);
  } catch {
    return () => true;
  }
}

/**
 * Papers' features; their term vectors are made when first read (by `logistic`, or a why-line
 * for a paper without a vector), so rankers that need none skip the work.
 */
async function featuresOf(
  papers: Paper[],
  newest: NewestPapers,
  featurize: () => ReturnType<typeof termFeaturizer>,
): Promise<PaperFeatures[]> {
  const stored = await newest.vectorsOf(papers.map((p) => p.id));
  return papers.map((p) => {
    let terms: PaperFeatures['terms'] | undefined;
    return {
      id: p.id,
      vector: stored.get(p.id) ?? null,
      get terms() {
        terms ??= featurize()(p);
        return terms;
      },
    };
  });
}

export async function recommendForReader(
  deps: ForYouDeps,
  userId: string,
  options: {
    days: number;
    limit: number;
    recommender?: RecommenderName;
    /** "More like this collection": learn from these papers instead of the whole library. */
    libraryIds?: string[];
    /** Include/exclude keywords to try instead of the reader's saved ones (a preview). */
    rules?: KeywordRules;
  },
  /** The newest papers, when a run ranks many readers over them (read here otherwise). */
  shared?: NewestPapers,
): Promise<ForYou> {
  const read = shared ?? (await loadNewestPapers(deps));
  const newest = read.papers;
  const to = newest[0]?.submittedAt;
  if (!to) return { coldStart: false, window: null, items: [] };
  const from = new Date(Date.parse(to) - options.days * 86_400_000).toISOString();
  const inWindow = (p: Paper) => p.submittedAt !== null && p.submittedAt >= from;
  const [whole, marks, follows, settings] = await Promise.all([
    deps.library.library(userId),
    deps.library.feedback(userId),
    deps.library.follows(userId),
    deps.library.settings(userId),
  ]);
  const entries = options.libraryIds
    ? options.libraryIds.map((paperId) => ({ paperId, source: 'collection' as const, addedAt: to }))
    : whole;
  // The reader's include/exclude keywords (AND/OR/NOT); a saved expression that no longer
  // parses keeps nothing out rather than breaking the page.
  const keep = options.rules ? keywordFilter(options.rules) : keywordFilterOrAll(settings);
  const hidden = new Set(marks.filter((m) => m.signal === -1).map((m) => m.paperId));
  const owned = new Set(entries.map((e) => e.paperId));
  const candidates = newest
    .filter(inWindow)
    .filter((p) => !hidden.has(p.id) && !owned.has(p.id))
    .filter(keep);
  const authors = follows
    .filter((f) => f.kind === 'author')
    .map((f) => ({ label: f.label, on: authorFollowMatcher(f) }));
  // A followed topic matches a paper holding all its words (title or abstract).
  const topics = follows
    .filter((f) => f.kind === 'topic')
    .map((f) => ({ label: f.label, words: terms(f.value) }))
    .filter((t) => t.words.length > 0);
  const followedOn = (p: Paper) => {
    const words = topics.length > 0 ? new Set(terms(`${p.title} ${p.abstract}`)) : null;
    return [
      ...authors.filter((f) => f.on(p.authors)).map((f) => f.label),
      ...topics.filter((t) => t.words.every((w) => words?.has(w))).map((t) => `“${t.label}”`),
    ];
  };
  const window = { from, to };
  if (entries.length === 0) {
    const picked = new Set(settings.interests);
    const items = candidates
      .map((paper) => ({ paper, relevance: null, because: [], followedAuthors: followedOn(paper) }))
      .sort(
        (a, b) =>
          b.followedAuthors.length - a.followedAuthors.length ||
          Number(b.paper.categories.some((c) => picked.has(c))) -
            Number(a.paper.categories.some((c) => picked.has(c))) ||
          b.paper.community.upvotes - a.paper.community.upvotes ||
          a.paper.id.localeCompare(b.paper.id),
      );
    return { coldStart: true, window, items: items.slice(0, options.limit) };
  }
  const libraryPapers = await deps.papers.getMany(
    entries.slice(0, MAX_LIBRARY).map((e) => e.paperId),
  );
  const markedPapers = await deps.papers.getMany([...hidden]);
  const background = newest.filter((p) => !inWindow(p) && !owned.has(p.id)).slice(0, BACKGROUND);
  const atHand = [...libraryPapers, ...candidates, ...background];
  let featurizer: ReturnType<typeof termFeaturizer> | undefined;
  const featurize = () => (featurizer ??= termFeaturizer(atHand));
  const stats = wordStats(atHand, read.day.words);
  // BM25 over this reader's candidates and background: a subset of the day's papers.
  const members = read.day.corpus.members([...candidates, ...background].map((p) => p.id));
  const { keywords, avoid } = read.day.keywords(libraryPapers, markedPapers, stats, members);
  const [positives, marked, bg, cands] = await Promise.all(
    [libraryPapers, markedPapers, background, candidates].map((ps) =>
      featuresOf(ps, read, featurize),
    ),
  );
  const ranked = rankCandidates(
    options.recommender ?? DEFAULT_RECOMMENDER,
    {
      positives: positives as PaperFeatures[],
      marked: marked as PaperFeatures[],
      background: bg as PaperFeatures[],
      keywords,
      avoid,
    },
    cands as PaperFeatures[],
    cands?.length ?? 0,
  );
  const byId = new Map(candidates.map((p) => [p.id, p]));
  const titles = new Map(libraryPapers.map((p) => [p.id, p.title]));
  const featureOf = new Map((cands as PaperFeatures[]).map((f) => [f.id, f]));
  const items = ranked.map((r) => {
    const paper = byId.get(r.id) as Paper;
    const near = closestInLibrary(
      featureOf.get(r.id) as PaperFeatures,
      positives as PaperFeatures[],
    );
    return {
      paper,
      relevance: r.relevance,
      because: near.map((n) => ({ id: n.id, title: titles.get(n.id) ?? n.id })),
      followedAuthors: followedOn(paper),
    };
  });
  // Stable: within the same number of follows matched, the recommender's order stays.
  items.sort((a, b) => b.followedAuthors.length - a.followedAuthors.length);
  return { coldStart: false, window, items: items.slice(0, options.limit) };
}
