/**
 * What all readers ranked over the same new papers share: a BM25 index of the candidates and the
 * background (built once, not once per reader) and the word table their profiles are counted in.
 * The digest run and `npm run eval:recs` rank every reader through one; a reader whose corpus
 * is a subset of the day's papers passes it as `members` (bm25-corpus.ts).
 */
import { Bm25Corpus } from './bm25-corpus.ts';
import type { PaperText } from './features.ts';
import { profileWords, type WordStats } from './keyword-profile.ts';
import { WordTable } from './paper-words.ts';
import type { TrainingSet } from './recommenders.ts';

export class ForYouDay {
  readonly corpus: Bm25Corpus;

  /** `papers`: the candidates and the background; `words`: the table word statistics use. */
  constructor(
    papers: readonly PaperText[],
    readonly words = new WordTable(),
  ) {
    this.corpus = new Bm25Corpus(papers);
  }

  /**
   * A reader's keyword side: BM25 for their library's profile words, and for their "not
   * interested" papers' (when they marked any), word statistics from `stats`.
   */
  keywords(
    library: readonly PaperText[],
    marked: readonly PaperText[],
    stats: WordStats,
    members?: Uint8Array,
  ): Pick<TrainingSet, 'keywords' | 'avoid'> {
    return {
      keywords: this.corpus.scorer(profileWords(library, stats), members),
      avoid:
        marked.length > 0 ? this.corpus.scorer(profileWords(marked, stats), members) : undefined,
    };
  }
}
