/**
 * The ranking of similar papers: three sides over one candidate set (the keyword hits and the
 * nearest vectors), each min-max normalised over the candidates, then added with weights:
 *   (1 − vector − text) · BM25 of the key terms + vector · cosine of meaning
 *   + text · cosine of whole-text tf-idf (term-vectors.ts),
 * the text side asked twice: after a first pass, the source's term vector moves towards its
 * `feedbackDocs` best candidates that share key terms (Rocchio; a meaning-only neighbour may be
 * noise, and in a small store the first few are) and the text side is scored again. Pure.
 * With text 0 it is `fuse(lexical, vector, { kind: 'linear', weight: vector })`.
 */
import { byScoreThenId, type Fused, minMax, type Scored } from './fuse.ts';
import { type TermVector, termCosine, towards } from './term-vectors.ts';

export interface SimilarWeights {
  /** Weight of the meaning (vector) side; 0 without vectors. */
  vector: number;
  /** Weight of the whole-text tf-idf side. */
  text: number;
  /** How many first-pass results the text side's source vector moves towards (0: no feedback). */
  feedbackDocs: number;
  /** How far it moves (1: the source and the results' mean count alike). */
  feedbackWeight: number;
}

/** The whole-text term vectors of the source and of the candidates. */
export interface TextSide {
  source: TermVector;
  candidates: Map<string, TermVector>;
}

/** A ranked candidate with each side's normalised score (null: that side did not return it). */
export interface SimilarRanked extends Fused {
  /** Normalised whole-text score in [0, 1], or null without a text side. */
  text: number | null;
}

/** Ranks every id of `lexical` and `vector` once, best first (ties by id). */
export function rankSimilar(
  lexical: Scored[],
  vector: Scored[],
  text: TextSide | null,
  weights: SimilarWeights,
): SimilarRanked[] {
  const lex = minMax(lexical);
  const vec = minMax(vector);
  const ids = [...new Set<string>([...lex.keys(), ...vec.keys()])];
  const useText = text !== null && weights.text > 0;
  const lexWeight = Math.max(0, 1 - weights.vector - (useText ? weights.text : 0));
  const score = (textScores: Map<string, number> | null): SimilarRanked[] =>
    ids
      .map((id) => {
        const l = lex.get(id) ?? null;
        const v = vec.get(id) ?? null;
        const t = textScores?.get(id) ?? null;
        return {
          id,
          score: lexWeight * (l ?? 0) + weights.vector * (v ?? 0) + weights.text * (t ?? 0),
          lexical: l,
          vector: v,
          text: t,
        };
      })
      .sort(byScoreThenId);
  if (!useText) return score(null);
  const textScores = (source: TermVector) =>
    minMax(
      ids.map((id) => ({ id, score: termCosine(source, text.candidates.get(id) ?? new Map()) })),
    );
  const first = score(textScores(text.source));
  if (weights.feedbackDocs <= 0 || weights.feedbackWeight <= 0) return first;
  const best = first
    .filter((r) => r.lexical !== null)
    .slice(0, weights.feedbackDocs)
    .flatMap((r) => text.candidates.get(r.id) ?? []);
  return score(textScores(towards(text.source, best, weights.feedbackWeight)));
}
