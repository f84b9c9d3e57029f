/**
 * A paper's words for the keyword profile (title twice, then the abstract), split once per
 * paper object however many readers rank it, and the same words as numbers: a `WordTable` gives
 * each word an id, so a library's word counts live in typed arrays instead of string maps.
 */
import { terms } from '../digests/keyword-relevance.ts';
import type { PaperText } from './features.ts';

const split = new WeakMap<PaperText, string[]>();

/** Title twice, then the abstract (cached per paper object). */
export function wordsOf(p: PaperText): string[] {
  let words = split.get(p);
  if (!words) {
    words = terms(`${p.title} ${p.title} ${p.abstract}`);
    split.set(p, words);
  }
  return words;
}

/** A paper's distinct words as ids, in order of first occurrence, with their counts. */
export interface WordBag {
  ids: Int32Array;
  counts: Int32Array;
}

/** Word ids, and each paper's bag of them (cached per paper object). */
export class WordTable {
  private readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  private readonly bags = new WeakMap<PaperText, WordBag>();

  get size(): number {
    return this.words.length;
  }

  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }

  bagOf(p: PaperText): WordBag {
    let bag = this.bags.get(p);
    if (!bag) {
      const counts = new Map<number, number>();
      for (const w of wordsOf(p)) {
        const id = this.idOf(w);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      bag = { ids: Int32Array.from(counts.keys()), counts: Int32Array.from(counts.values()) };
      this.bags.set(p, bag);
    }
    return bag;
  }
}
