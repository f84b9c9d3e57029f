/**
 * BM25 over a fixed set of papers (a day's candidates and the background), queried by keyword
 * profiles: an inverted index built once, so a profile's score for every paper costs one pass
 * over its words' postings instead of a look-up per paper and word. A reader whose corpus is a
 * subset of the papers (their own candidates and background) scores over `members`: the
 * document count, mean length and document frequencies are then those of the subset, exactly as
 * an index built over the subset alone.
 */

import type { PaperText } from './features.ts';
import { wordsOf } from './paper-words.ts';

const K1 = 1.2;
const B = 0.75;

interface Postings {
  docs: Int32Array;
  tf: Int32Array;
}

export class Bm25Corpus {
  private readonly docOf = new Map<string, number>();
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, Postings>();
  private readonly total: number;

  constructor(papers: readonly PaperText[]) {
    const lists = new Map<string, { docs: number[]; tf: number[] }>();
    let total = 0;
    for (const p of papers) {
      if (this.docOf.has(p.id)) continue;
      const doc = this.lengths.length;
      this.docOf.set(p.id, doc);
      const ws = wordsOf(p);
      const tf = new Map<string, number>();
      for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const [w, f] of tf) {
        let list = lists.get(w);
        if (!list) {
          list = { docs: [], tf: [] };
          lists.set(w, list);
        }
        list.docs.push(doc);
        list.tf.push(f);
      }
      this.lengths.push(ws.length);
      total += ws.length;
    }
    for (const [w, l] of lists)
      this.postings.set(w, { docs: Int32Array.from(l.docs), tf: Int32Array.from(l.tf) });
    this.total = total;
  }

  /** Papers in the corpus (each id once). */
  get size(): number {
    return this.lengths.length;
  }

  /** The papers of `ids` that are in the corpus, as a membership mask for `scorer`. */
  members(ids: Iterable<string>): Uint8Array {
    const mask = new Uint8Array(this.lengths.length);
    for (const id of ids) {
      const doc = this.docOf.get(id);
      if (doc !== undefined) mask[doc] = 1;
    }
    return mask;
  }

  /**
   * A scorer for `words`: BM25 of a paper of this corpus (of `members` when given; 0 for papers
   * outside it). Each paper's terms are summed in the order of `words`.
   */
  scorer(words: readonly string[], members?: Uint8Array): (paper: { id: string }) => number {
    const scores = this.scores(words, members);
    return (paper) => {
      const doc = this.docOf.get(paper.id);
      return doc === undefined ? 0 : (scores[doc] as number);
    };
  }

  private scores(words: readonly string[], members?: Uint8Array): Float64Array {
    let n = this.lengths.length;
    let total = this.total;
    if (members) {
      n = 0;
      total = 0;
      for (let d = 0; d < members.length; d++)
        if (members[d]) {
          n++;
          total += this.lengths[d] as number;
        }
    }
    const avg = total / Math.max(1, n);
    const scores = new Float64Array(this.lengths.length);
    for (const w of words) {
      const list = this.postings.get(w);
      let df = 0;
      if (list) {
        if (!members) df = list.docs.length;
        else
          for (let i = 0; i < list.docs.length; i++)
            df += members[list.docs[i] as number] as number;
      }
      if (!list || df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < list.docs.length; i++) {
        const d = list.docs[i] as number;
        if (members && !members[d]) continue;
        const f = list.tf[i] as number;
        const len = this.lengths[d] as number;
        scores[d] =
          (scores[d] as number) + (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * len) / avg));
      }
    }
    return scores;
  }
}
