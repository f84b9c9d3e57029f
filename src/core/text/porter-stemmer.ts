/**
 * The Porter (1980) stemming algorithm for English words, as in Martin Porter's reference
 * implementation (the one SQLite FTS5's `porter` tokenizer follows): `connections` → `connect`,
 * `generalization` → `gener`. Input is one lower-case ASCII word; anything else is returned as is.
 */

/** Stems one lower-case word. Words of one or two letters are returned unchanged. */
export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  const s = new Stemmer(word);
  s.step1ab();
  if (s.k > 0) {
    s.step1c();
    s.step2();
    s.step3();
    s.step4();
    s.step5();
  }
  return s.b.slice(0, s.k + 1);
}

class Stemmer {
  b: string;
  /** Index of the last letter of the current stem. */
  k: number;
  /** Index of the last letter before the suffix being tested. */
  j = 0;

  constructor(word: string) {
    this.b = word;
    this.k = word.length - 1;
  }

  private cons(i: number): boolean {
    const c = this.b[i];
    if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
    if (c === 'y') return i === 0 ? true : !this.cons(i - 1);
    return true;
  }

  /** Number of vowel-consonant sequences in b[0..j]. */
  private m(): number {
    let n = 0;
    let i = 0;
    const j = this.j;
    while (true) {
      if (i > j) return n;
      if (!this.cons(i)) break;
      i++;
    }
    i++;
    while (true) {
      while (true) {
        if (i > j) return n;
        if (this.cons(i)) break;
        i++;
      }
      i++;
      n++;
      while (true) {
        if (i > j) return n;
        if (!this.cons(i)) break;
        i++;
      }
      i++;
    }
  }

  /** b[0..j] contains a vowel. */
  private vowelInStem(): boolean {
    for (let i = 0; i <= this.j; i++) if (!this.cons(i)) return true;
    return false;
  }

  /** b[j-1..j] is a double consonant. */
  private doublec(j: number): boolean {
    if (j < 1 || this.b[j] !== this.b[j - 1]) return false;
    return this.cons(j);
  }

  /** b[i-2..i] is consonant-vowel-consonant and the last is not w, x or y. */
  private cvc(i: number): boolean {
    if (i < 2 || !this.cons(i) || this.cons(i - 1) || !this.cons(i - 2)) return false;
    const c = this.b[i];
    return !(c === 'w' || c === 'x' || c === 'y');
  }

  private ends(s: string): boolean {
    const len = s.length;
    if (len > this.k + 1) return false;
    if (this.b.slice(this.k - len + 1, this.k + 1) !== s) return false;
    this.j = this.k - len;
    return true;
  }

  /** Replaces b[j+1..k] with `s`. */
  private setto(s: string): void {
    this.b = this.b.slice(0, this.j + 1) + s + this.b.slice(this.k + 1);
    this.k = this.j + s.length;
  }

  private r(s: string): void {
    if (this.m() > 0) this.setto(s);
  }

  step1ab(): void {
    if (this.b[this.k] === 's') {
      if (this.ends('sses')) this.k -= 2;
      else if (this.ends('ies')) this.setto('i');
      else if (this.b[this.k - 1] !== 's') this.k--;
    }
    if (this.ends('eed')) {
      if (this.m() > 0) this.k--;
    } else if ((this.ends('ed') || this.ends('ing')) && this.vowelInStem()) {
      this.k = this.j;
      if (this.ends('at')) this.setto('ate');
      else if (this.ends('bl')) this.setto('ble');
      else if (this.ends('iz')) this.setto('ize');
      else if (this.doublec(this.k)) {
        this.k--;
        const c = this.b[this.k];
        if (c === 'l' || c === 's' || c === 'z') this.k++;
      } else if (this.m() === 1 && this.cvc(this.k)) this.setto('e');
    }
  }

  step1c(): void {
    if (this.ends('y') && this.vowelInStem()) {
      this.b = `${this.b.slice(0, this.k)}i${this.b.slice(this.k + 1)}`;
    }
  }

  step2(): void {
    const rules: Record<string, [string, string][]> = {
      a: [
        ['ational', 'ate'],
        ['tional', 'tion'],
      ],
      c: [
        ['enci', 'ence'],
        ['anci', 'ance'],
      ],
      e: [['izer', 'ize']],
      l: [
        ['bli', 'ble'],
        ['alli', 'al'],
        ['entli', 'ent'],
        ['eli', 'e'],
        ['ousli', 'ous'],
      ],
      o: [
        ['ization', 'ize'],
        ['ation', 'ate'],
        ['ator', 'ate'],
      ],
      s: [
        ['alism', 'al'],
        ['iveness', 'ive'],
        ['fulness', 'ful'],
        ['ousness', 'ous'],
      ],
      t: [
        ['aliti', 'al'],
        ['iviti', 'ive'],
        ['biliti', 'ble'],
      ],
      g: [['logi', 'log']],
    };
    this.applyRules(rules[this.b[this.k - 1] ?? ''] ?? []);
  }

  step3(): void {
    const rules: Record<string, [string, string][]> = {
      e: [
        ['icate', 'ic'],
        ['ative', ''],
        ['alize', 'al'],
      ],
      i: [['iciti', 'ic']],
      l: [
        ['ical', 'ic'],
        ['ful', ''],
      ],
      s: [['ness', '']],
    };
    this.applyRules(rules[this.b[this.k] ?? ''] ?? []);
  }

  private applyRules(rules: [string, string][]): void {
    for (const [suffix, replacement] of rules) {
      if (this.ends(suffix)) {
        this.r(replacement);
        return;
      }
    }
  }

  step4(): void {
    const suffixes: Record<string, string[]> = {
      a: ['al'],
      c: ['ance', 'ence'],
      e: ['er'],
      i: ['ic'],
      l: ['able', 'ible'],
      n: ['ant', 'ement', 'ment', 'ent'],
      o: ['ion', 'ou'],
      s: ['ism'],
      t: ['ate', 'iti'],
      u: ['ous'],
      v: ['ive'],
      z: ['ize'],
    };
    const list = suffixes[this.b[this.k - 1] ?? ''];
    if (!list) return;
    let found = false;
    for (const suffix of list) {
      if (!this.ends(suffix)) continue;
      if (suffix === 'ion') {
        const c = this.b[this.j];
        if (this.j < 0 || (c !== 's' && c !== 't')) return;
      }
      found = true;
      break;
    }
    if (found && this.m() > 1) this.k = this.j;
  }

  step5(): void {
    this.j = this.k;
    if (this.b[this.k] === 'e') {
      const a = this.m();
      if (a > 1 || (a === 1 && !this.cvc(this.k - 1))) this.k--;
    }
    if (this.b[this.k] === 'l' && this.doublec(this.k) && this.m() > 1) this.k--;
  }
}
