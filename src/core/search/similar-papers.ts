/**
 * Similar papers ("more like this") for a stored paper or a pasted text: a BM25 query over the
 * whole text's weighted key terms (key-terms.ts) and the nearest vectors of the text's meaning
 * bring the candidates; they are ranked by those two and by the cosine of whole-text tf-idf
 * vectors with feedback (similar-rank.ts), paged, each with the terms it shares and its meaning
 * score. Without an embedder (or vectors) there is no meaning side; the text is never cut short.
 */
import { createError, isAppError } from '../errors.ts';
import type { Paper } from '../papers/model.ts';
import type { Scored } from './fuse.ts';
import { type KeyTerm, selectKeyTerms, type TermStats } from './key-terms.ts';
import type { VectorIndex } from './ports.ts';
import { noFilters, textWords } from './query.ts';
import { CANDIDATES, type MatchKind, type SearchDeps } from './search-papers.ts';
import { sharedTerms } from './shared-terms.ts';
import { DEFAULT_SIMILAR_TUNING, type SimilarTuning, similarFusion } from './similar-defaults.ts';
import { rankSimilar, type TextSide } from './similar-rank.ts';
import { termVector } from './term-vectors.ts';

/** Longest pasted text accepted by similarToText, in characters. */
export const MAX_PASTED_TEXT = 20_000;

export interface SimilarPaper {
  paper: Paper;
  /** Fused score (higher is better; comparable within one result only). */
  score: number;
  matchedBy: Exclude<MatchKind, 'filter'>;
  /** Key terms of the source this paper holds too (surface forms, best first). */
  sharedTerms: string[];
  /** Cosine similarity of meaning, or null without vectors. */
  meaning: number | null;
}

export interface SimilarRequest {
  limit: number;
  offset?: number;
  /** Evaluation only: other key-term and fusion settings than the shipped ones. */
  tuning?: Partial<SimilarTuning>;
}

export interface SimilarResult {
  hits: SimilarPaper[];
  /** Candidates over all pages (at most 2 × CANDIDATES). */
  total: number;
  /** The key terms the keyword side searched for, best first. */
  keyTerms: KeyTerm[];
  /** hybrid when meaning took part, lexical otherwise. */
  mode: 'hybrid' | 'lexical';
}

/** Papers most similar to stored paper `paperId`, excluding itself. Throws `paper_not_found`. */
export async function similarPapers(
  deps: SearchDeps,
  paperId: string,
  req: SimilarRequest,
): Promise<SimilarResult> {
  const paper = await deps.papers.get(paperId);
  if (!paper) throw createError('paper_not_found', paperId);
  const stored = (await deps.vectors?.get(paperId)) ?? null;
  return similarTo(deps, req, {
    title: textWords(paper.title),
    body: textWords(paper.abstract),
    // A paper's own words are in the index once (itself): only words another paper holds count.
    minDf: 2,
    exclude: paperId,
    vector: stored
      ? async () => stored
      : () => embedText(deps, `${paper.title}\n${paper.abstract}`),
  });
}

/**
 * Papers nearest to a pasted text (an abstract, a page of a draft), up to MAX_PASTED_TEXT
 * characters, every word of it considered. Throws `invalid_query` when empty or too long.
 */
export async function similarToText(
  deps: SearchDeps,
  text: string,
  req: SimilarRequest,
): Promise<SimilarResult> {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw createError('invalid_query', 'the pasted text is empty.');
  if (trimmed.length > MAX_PASTED_TEXT) {
    throw createError(
      'invalid_query',
      `the pasted text is ${trimmed.length} characters; the limit is ${MAX_PASTED_TEXT}. Paste the abstract or one section.`,
    );
  }
  return similarTo(deps, req, {
    title: [],
    body: textWords(trimmed),
    minDf: 1,
    exclude: null,
    vector: () => embedText(deps, trimmed),
  });
}

interface Source {
  title: string[];
  body: string[];
  minDf: number;
  exclude: string | null;
  vector: () => Promise<Float32Array | null>;
}

async function similarTo(
  deps: SearchDeps,
  req: SimilarRequest,
  source: Source,
): Promise<SimilarResult> {
  const tuning = { ...DEFAULT_SIMILAR_TUNING, ...req.tuning };
  const stats = await deps.index.termStats([...source.title, ...source.body]);
  const keyTerms = selectKeyTerms(source, stats, {
    max: tuning.keyTerms,
    titleWeight: tuning.titleWeight,
    minDf: source.minDf,
  });
  const notSelf = (h: { id: string }) => h.id !== source.exclude;
  const lexical =
    keyTerms.length === 0
      ? []
      : (
          await deps.index.searchText(
            {
              words: keyTerms.map((t) => t.word),
              phrases: [],
              excluded: [],
              weights: new Map(keyTerms.map((t) => [t.word, termTimes(t.weight, tuning)])),
            },
            noFilters(),
            CANDIDATES + 1,
          )
        ).filter(notSelf);
  const weight = deps.vectors
    ? (req.tuning?.vectorWeight ?? similarFusion(deps.vectors.modelId))
    : 0;
  const vector = deps.vectors && weight > 0 ? await source.vector() : null;
  const semantic =
    vector && deps.vectors ? await semanticSide(deps.vectors, vector, lexical, notSelf) : [];
  const candidates = textCandidates(lexical, semantic, vector ? weight : 0, tuning);
  const text =
    tuning.textWeight > 0 ? await textSide(deps, source, stats, candidates, tuning) : null;
  const ranked = rankSimilar(lexical, semantic, text?.side ?? null, {
    vector: vector ? weight : 0,
    text: tuning.textWeight,
    feedbackDocs: tuning.feedbackDocs,
    feedbackWeight: tuning.feedbackWeight,
  });
  const offset = req.offset ?? 0;
  const page = ranked.slice(offset, offset + req.limit);
  const papers = text?.papers ?? new Map<string, Paper>();
  const unread = page.map((f) => f.id).filter((id) => !papers.has(id));
  if (unread.length > 0) for (const p of await deps.papers.getMany(unread)) papers.set(p.id, p);
  const sims =
    vector && deps.vectors
      ? await deps.vectors.similarity(
          vector,
          page.map((f) => f.id),
        )
      : null;
  const lexicalIds = new Set(lexical.map((h) => h.id));
  const hits = page.flatMap((f) => {
    const paper = papers.get(f.id);
    if (!paper) return [];
    const matchedBy: SimilarPaper['matchedBy'] = !lexicalIds.has(f.id)
      ? 'semantic'
      : f.vector !== null && f.vector >= 0.5
        ? 'both'
        : 'keyword';
    return [
      {
        paper,
        score: f.score,
        matchedBy,
        sharedTerms: sharedTerms(keyTerms, `${paper.title}\n${paper.abstract}`),
        meaning: sims?.get(f.id) ?? null,
      },
    ];
  });
  return { hits, total: ranked.length, keyTerms, mode: vector ? 'hybrid' : 'lexical' };
}

/** The candidates the text side scores: the best `textCandidates` by keywords and meaning. */
function textCandidates(
  lexical: Scored[],
  semantic: Scored[],
  vectorWeight: number,
  tuning: SimilarTuning,
): string[] {
  // Keywords and meaning in the proportion they have in the final ranking.
  const rest = 1 - tuning.textWeight;
  const first = rankSimilar(lexical, semantic, null, {
    vector: rest > 0 ? vectorWeight / rest : vectorWeight,
    text: 0,
    feedbackDocs: 0,
    feedbackWeight: 0,
  });
  const kept = tuning.textCandidates > 0 ? first.slice(0, tuning.textCandidates) : first;
  return kept.map((r) => r.id);
}

/** The whole-text term vectors of the source and of every candidate (whose papers are read). */
async function textSide(
  deps: SearchDeps,
  source: Source,
  stats: TermStats,
  candidates: string[],
  tuning: SimilarTuning,
): Promise<{ side: TextSide; papers: Map<string, Paper> }> {
  const papers = new Map((await deps.papers.getMany(candidates)).map((p) => [p.id, p]));
  const texts = new Map(
    [...papers].map(([id, p]) => [id, { title: textWords(p.title), body: textWords(p.abstract) }]),
  );
  const words = new Set<string>();
  for (const t of texts.values()) for (const w of [...t.title, ...t.body]) words.add(w);
  for (const w of stats.words.keys()) words.delete(w);
  const more = words.size > 0 ? await deps.index.termStats([...words]) : null;
  const all: TermStats = {
    documents: stats.documents,
    words: new Map([...stats.words, ...(more?.words ?? [])]),
  };
  const vectors = new Map(
    [...texts].map(([id, t]) => [id, termVector(t, all, tuning.titleWeight)]),
  );
  return {
    side: { source: termVector(source, all, tuning.titleWeight), candidates: vectors },
    papers,
  };
}

/** A key term's whole-number weight for the keyword query (see SimilarTuning.termWeights). */
function termTimes(weight: number, tuning: SimilarTuning): number {
  return tuning.termWeights ? 1 + Math.round(weight * (tuning.termWeights - 1)) : 1;
}

/** Nearest vectors, plus the exact similarity of every keyword hit (fusion compares like with like). */
async function semanticSide(
  vectors: VectorIndex,
  vector: Float32Array,
  lexical: { id: string }[],
  keep: (h: { id: string }) => boolean,
): Promise<{ id: string; score: number }[]> {
  const near = (await vectors.search(vector, CANDIDATES + 1)).filter(keep);
  const seen = new Set(near.map((h) => h.id));
  const missing = lexical.filter((h) => !seen.has(h.id)).map((h) => h.id);
  const sims = missing.length > 0 ? await vectors.similarity(vector, missing) : new Map();
  return [...near, ...[...sims].map(([id, score]) => ({ id, score: score as number }))];
}

/** The text's vector, or null (keywords only) when the model is unavailable. */
async function embedText(deps: SearchDeps, text: string): Promise<Float32Array | null> {
  if (!deps.embedder) return null;
  try {
    const [vector] = await deps.embedder.embed([text], 'document');
    return vector ?? null;
  } catch (error) {
    if (!isAppError(error, 'model_unavailable')) throw error;
    deps.log.warn('similar papers without meaning: model unavailable', { error });
    return null;
  }
}
