/**
 * The training signal the corpus gives for free: pairs of texts about the same paper. A paper
 * becomes its title, its abstract's sentences and its AI summary as word lists; a pair kind picks
 * two sides of one paper.
 */
import type { WordSplitter } from './tokenizer.ts';

/** The text of one paper used for training. */
export interface TrainingPaper {
  title: string;
  abstract: string;
  /** An AI-written summary (Hugging Face), when there is one. */
  summary?: string | null;
}

/**
 * - `title-abstract`: title ↔ abstract
 * - `halves`: first half of the abstract's sentences ↔ second half
 * - `sentence`: one sentence (chosen anew each epoch) ↔ the rest of the abstract (inverse cloze)
 * - `summary-abstract`: AI summary ↔ abstract
 */
export type PairKind = 'title-abstract' | 'halves' | 'sentence' | 'summary-abstract';

export const PAIR_KINDS: readonly PairKind[] = [
  'title-abstract',
  'halves',
  'sentence',
  'summary-abstract',
];

/** A paper split into normalised words. */
export interface TokenizedPaper {
  title: string[];
  /** Words of each sentence of the abstract. */
  sentences: string[][];
  summary: string[] | null;
}

const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z(\d])/;

/** Splits an abstract into sentences (at ., ! or ? followed by a capital, digit or bracket). */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(SENTENCE_END)
    .filter((s) => s.length > 0);
}

export function tokenizePaper(paper: TrainingPaper, splitter: WordSplitter): TokenizedPaper {
  const summary = paper.summary ? splitter.words(paper.summary) : null;
  return {
    title: splitter.words(paper.title),
    sentences: splitSentences(paper.abstract)
      .map((s) => splitter.words(s))
      .filter((w) => w.length > 0),
    summary: summary && summary.length > 0 ? summary : null,
  };
}

/** The two sides of a `kind` pair for `paper`, or null when the paper cannot give one. */
export function makePair(
  paper: TokenizedPaper,
  kind: PairKind,
  pick: (n: number) => number,
): [string[], string[]] | null {
  const { sentences } = paper;
  switch (kind) {
    case 'title-abstract':
      return paper.title.length > 0 && sentences.length > 0
        ? [paper.title, sentences.flat()]
        : null;
    case 'summary-abstract':
      return paper.summary && sentences.length > 0 ? [paper.summary, sentences.flat()] : null;
    case 'halves': {
      if (sentences.length < 2) return null;
      const half = Math.ceil(sentences.length / 2);
      return [sentences.slice(0, half).flat(), sentences.slice(half).flat()];
    }
    case 'sentence': {
      if (sentences.length < 3) return null;
      const i = pick(sentences.length);
      const rest = [...sentences.slice(0, i), ...sentences.slice(i + 1)];
      return [sentences[i] as string[], rest.flat()];
    }
  }
}
